/**
 * A requestAnimationFrame loop with start / stop and a frames-per-second meter (reported every
 * half second, and once more when the loop stops).
 * `onFrame(now)` does one frame of work and returns false to stop. If it throws, the loop stops and
 * `onError` gets the error, so a failure shows up once in the page instead of once per frame.
 */
export function createLoop({ onFrame, onFps = () => {}, onError = () => {} }) {
  let handle = 0;
  let running = false;
  let frames = 0;
  let since = 0;

  function tick(now) {
    if (!running) return;
    handle = requestAnimationFrame(tick);
    frames += 1;
    if (now - since >= 500) {
      onFps((frames * 1000) / (now - since));
      frames = 0;
      since = now;
    }
    let keepGoing;
    try {
      keepGoing = onFrame(now);
    } catch (err) {
      stop();
      onError(err);
      return;
    }
    if (keepGoing === false) stop();
  }

  function start() {
    if (running) return;
    running = true;
    frames = 0;
    since = performance.now();
    handle = requestAnimationFrame(tick);
  }

  function stop() {
    if (running && frames >= 5) onFps((frames * 1000) / (performance.now() - since));
    running = false;
    cancelAnimationFrame(handle);
  }

  return {
    start,
    stop,
    get running() {
      return running;
    },
  };
}
