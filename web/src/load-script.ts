/**
 * Loads a classic script by its address relative to the page. A `<script>` element is the one way a
 * page opened from a folder (file://) can load a file at all: fetch and module imports are refused
 * there.
 */
export function loadScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`${src} did not load`));
    document.head.append(script);
  });
}
