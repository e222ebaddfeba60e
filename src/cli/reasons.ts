/** Why a file could not be read or written, in words, from the error Node's fs threw. */

const WORDS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ELOOP: 'a loop of symbolic links',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large',
  EROFS: 'read-only file system',
  EIO: 'input/output error',
  ENXIO: 'no such device or address',
  ENAMETOOLONG: 'file name too long',
  EMFILE: 'too many open files',
  EBADF: 'bad file descriptor (closed?)',
  EPIPE: 'broken pipe',
  EXDEV: 'cross-device link',
};

export function reasonOf(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code && WORDS[code]) return WORDS[code]!;
  return code ?? (e instanceof Error ? e.message : String(e));
}
