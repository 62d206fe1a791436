/**
 * A spinner for long waits (connecting, restarts, installs). Only on a TTY stderr, so
 * scripts and logs never see the control characters; stdout stays clean for data.
 */
const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export async function withProgress<T>(
  stream: NodeJS.WritableStream & { isTTY?: boolean },
  label: string,
  work: () => Promise<T>,
): Promise<T> {
  if (stream.isTTY !== true || process.env.NO_COLOR) return work();
  let i = 0;
  const draw = () => stream.write(`\r${FRAMES[i++ % FRAMES.length]} ${label}`);
  // Short waits should not flicker: show the spinner only after 150 ms.
  const delay = setTimeout(() => {
    draw();
    timer = setInterval(draw, 100);
  }, 150);
  let timer: NodeJS.Timeout | undefined;
  try {
    return await work();
  } finally {
    clearTimeout(delay);
    if (timer) {
      clearInterval(timer);
      stream.write(`\r\u001b[2K`);
    }
  }
}
