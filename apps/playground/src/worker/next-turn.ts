/**
 * A zero-delay turn of the event loop: a promise that settles after the messages already queued for this thread
 * have been handled. A MessageChannel round trip where there is one (`setTimeout` clamps to 4 ms once nested),
 * `setTimeout(0)` otherwise.
 */
export function createNextTurn(): () => Promise<void> {
  if (typeof MessageChannel === 'undefined') {
    return () => new Promise((resolve) => setTimeout(resolve, 0));
  }
  const channel = new MessageChannel();
  const waiting: (() => void)[] = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  // In Node an open port would keep the process alive.
  (channel.port1 as { unref?: () => void }).unref?.();
  return () =>
    new Promise((resolve) => {
      waiting.push(resolve);
      channel.port2.postMessage(0);
    });
}
