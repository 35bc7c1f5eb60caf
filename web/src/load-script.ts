/**
 * Loads a classic script by its address relative to the page. A `<script>` element is the one way a
 * page opened from a folder (file://) can load a file at all: fetch and module imports are refused
 * there.
 */
export function loadScript(src: string): Promise<void> {
  return loadScripts([src]);
}

/** Loads classic scripts, all at once but run in the order given. */
export function loadScripts(sources: readonly string[]): Promise<void> {
  return Promise.all(
    sources.map(
      (src) =>
        new Promise<void>((resolve, reject) => {
          const script = document.createElement('script');
          script.src = src;
          // Inserted scripts run as soon as each has loaded unless told to keep their order.
          script.async = false;
          script.onload = () => resolve();
          script.onerror = () => reject(new Error(`${src} did not load`));
          document.head.append(script);
        }),
    ),
  ).then(() => undefined);
}
