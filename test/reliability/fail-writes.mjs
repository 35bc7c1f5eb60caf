// Loaded with `node --import` in front of goodhart by the reliability tests: from the
// (GOODHART_FAIL_AFTER_WRITES + 1)-th write to a file on, every write fails as on a full disk.
// Writes to stdin, stdout and stderr (descriptors 0 to 2) are left alone.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const allowed = Number(process.env.GOODHART_FAIL_AFTER_WRITES ?? 0);
const original = fs.writeSync;
let writes = 0;
fs.writeSync = function writeSync(fd, ...rest) {
  if (fd > 2 && ++writes > allowed) {
    throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
  }
  return original.call(this, fd, ...rest);
};
syncBuiltinESMExports();
