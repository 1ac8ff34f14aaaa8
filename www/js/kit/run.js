// @ts-check
/**
 * The run controller every training or animated chapter uses: Play / Pause / Step / Reset / speed,
 * one state machine (idle · running · paused · finished · diverged · error) shown the same way
 * everywhere, keyboard shortcuts (Space = play/pause, → = one step, R = reset; not while typing in a
 * field), and one requestAnimationFrame loop whose work slice adapts to the frame.
 *
 * The slice: each frame the chapter gets `budgetMs` for its work. When frames arrive late (interval
 * above 18 ms: a 60 Hz frame was missed) the budget shrinks by a quarter; while they
 * are on time it grows by half a millisecond, up to `maxBudgetMs`. So a fast machine trains up to
 * ~13 ms per 16.7 ms frame while a slow one backs off until it stays smooth.
 */
import { esc } from '../dom.js';
import { isTrap, reportTrap } from '../wasm.js';

/** @typedef {'idle'|'running'|'paused'|'finished'|'diverged'|'error'} RunState */

const LABEL = { idle: 'ready', running: 'running', paused: 'paused', finished: 'finished', diverged: 'diverged', error: 'error' };
/** A frame later than this missed its vsync at 60 Hz (16.7 ms) by more than jitter. */
const LATE_MS = 18;

/** Every live controller; the keyboard goes to the first one that is on the page and accepts keys. */
const controllers = new Set();
let keyboardInstalled = false;

/**
 * @param {object} o
 * @param {HTMLElement} o.container            receives the bar, the status line and the error line
 * @param {HTMLElement} [o.stateElement]       also carries data-state (e.g. the chapter root)
 * @param {(budgetMs: number, speed: number) => void} o.frame  one frame of work; may call finish / diverge / fail
 * @param {() => void} o.step                  one unit of work (a mini-batch, a step of the rule)
 * @param {() => boolean|void} o.reset        start over; return false to keep the current run (bad settings)
 * @param {() => void} [o.onPlay]
 * @param {() => void} [o.onPause]
 * @param {{value: number, label: string}[]} [o.speeds]  speed choices (default: none shown)
 * @param {number} [o.speed]                   the initial speed value
 * @param {boolean} [o.keys]                  take keyboard shortcuts (default true)
 * @param {number} [o.maxBudgetMs]
 * @param {string} [o.stepTitle]               what Step does, e.g. "Train one mini-batch"
 * @param {string} [o.idPrefix]                prefix for data-testids when a chapter has several controllers
 */
export function createRunController(o) {
  const { container, stateElement, keys = true, maxBudgetMs = 13, speeds = [] } = o;
  const p = o.idPrefix ? `${o.idPrefix}-` : '';
  const ks = (key) => (keys ? ` aria-keyshortcuts="${key}"` : '');
  container.classList.add('run');
  container.innerHTML = `
    <div class="runbar" data-testid="${p}runbar">
      <div class="buttons">
        <button type="button" class="primary" data-act="play" data-testid="${p}play"${ks('Space')}>▶ Play</button>
        <button type="button" data-act="pause" data-testid="${p}pause"${ks('Space')}>❚❚ Pause</button>
        <button type="button" data-act="step" data-testid="${p}step"${ks('ArrowRight')}
          title="${esc(o.stepTitle || 'One step')}${keys ? ' (→)' : ''}">Step ›</button>
        <button type="button" data-act="reset" data-testid="${p}reset"${ks('R')} title="Start over${keys ? ' (R)' : ''}">↺ Reset</button>
      </div>
      ${speeds.length ? `<label class="speed">speed <select data-testid="${p}speed">${speeds.map((s) =>
        `<option value="${s.value}"${s.value === o.speed ? ' selected' : ''}>${esc(s.label)}</option>`).join('')}</select></label>` : ''}
      <span class="run-state" data-testid="${p}run-state"></span>
      ${keys ? '<span class="keys-hint" aria-hidden="true">Space ▶/❚❚ · → step · R reset</span>' : ''}
    </div>
    <p class="status" role="status" data-testid="${p}status"></p>
    <p class="error" role="alert" data-testid="${p}error" hidden></p>`;
  const q = (sel) => /** @type {HTMLElement} */ (container.querySelector(sel));
  const buttons = {
    play: /** @type {HTMLButtonElement} */ (q('[data-act=play]')),
    pause: /** @type {HTMLButtonElement} */ (q('[data-act=pause]')),
    step: /** @type {HTMLButtonElement} */ (q('[data-act=step]')),
    reset: /** @type {HTMLButtonElement} */ (q('[data-act=reset]')),
  };
  const stateBadge = q('.run-state');
  const statusLine = q('.status');
  const errorLine = q('.error');
  const speedSelect = /** @type {HTMLSelectElement|null} */ (container.querySelector('select'));

  /** @type {RunState} */
  let state = 'idle';
  let canContinue = false;
  let enabled = true;
  let handle = 0;
  let lastFrameAt = 0;
  let budgetMs = Math.min(8, maxBudgetMs);
  let fpsFrames = 0;
  let fpsSince = 0;
  let fps = 0;
  /** @type {(fps: number) => void} */
  let onFps = () => {};


  function tick(now) {
    if (state !== 'running') return;
    handle = requestAnimationFrame(tick);
    if (lastFrameAt) {
      const interval = now - lastFrameAt;
      if (interval > LATE_MS) budgetMs = Math.max(1, budgetMs * 0.75);
      else budgetMs = Math.min(maxBudgetMs, budgetMs + 0.5);
    }
    lastFrameAt = now;
    fpsFrames += 1;
    if (now - fpsSince >= 500) {
      fps = (fpsFrames * 1000) / (now - fpsSince);
      fpsFrames = 0;
      fpsSince = now;
      onFps(fps);
    }
    try {
      o.frame(budgetMs, api.speed);
    } catch (err) {
      fail(err);
    }
  }

  function play() {
    if (!enabled || state === 'running' || state === 'diverged' || state === 'error') return;
    if (state === 'finished' && !canContinue) return;
    showError('');
    setState('running');
    lastFrameAt = 0;
    fpsFrames = 0;
    fpsSince = performance.now();
    handle = requestAnimationFrame(tick);
    o.onPlay?.();
  }

  function stopLoop() {
    // A run shorter than a meter period still reports its frame rate once.
    if (handle && fpsFrames >= 5) {
      fps = (fpsFrames * 1000) / (performance.now() - fpsSince);
      fpsFrames = 0;
      onFps(fps);
    }
    cancelAnimationFrame(handle);
    handle = 0;
  }

  function pause() {
    if (state !== 'running') return;
    stopLoop();
    setState('paused');
    o.onPause?.();
  }

  function step() {
    if (!enabled || state === 'diverged' || state === 'error' || (state === 'finished' && !canContinue)) return;
    stopLoop();
    if (state === 'running') o.onPause?.();
    showError('');
    setState('paused');
    try {
      o.step();
    } catch (err) {
      fail(err);
    }
  }

  function reset() {
    if (!enabled) return;
    const wasRunning = state === 'running';
    stopLoop();
    let ok;
    try {
      ok = o.reset();
    } catch (err) {
      ok = false;
      showError(err instanceof Error ? err.message : String(err));
    }
    if (ok === false) {
      // Bad settings: the current run stays as it was.
      if (wasRunning) setState('paused');
      return;
    }
    showError('');
    canContinue = false;
    setState('idle');
  }

  /** @param {RunState} next */
  function setState(next) {
    state = next;
    const over = next === 'diverged' || next === 'error' || (next === 'finished' && !canContinue);
    buttons.play.disabled = !enabled || next === 'running' || over;
    buttons.pause.disabled = next !== 'running';
    buttons.step.disabled = !enabled || over;
    buttons.reset.disabled = !enabled;
    stateBadge.textContent = LABEL[next];
    stateBadge.dataset.state = next;
    container.dataset.state = next;
    if (stateElement) stateElement.dataset.state = next;
  }

  /** @param {string} message */
  function showError(message) {
    errorLine.textContent = message;
    errorLine.hidden = !message;
  }

  /** The run is over (or reached its goal); `canContinue`: Play may go on. */
  function finish(message = '', options = {}) {
    stopLoop();
    canContinue = Boolean(options.canContinue);
    setState('finished');
    if (message) say(message);
  }

  function diverge(message) {
    stopLoop();
    setState('diverged');
    say(message);
  }

  /** @param {unknown} err */
  function fail(err) {
    stopLoop();
    // A trap is the module's failure, not this run's: the shell restarts the module and the chapter.
    if (isTrap(err)) {
      reportTrap(err);
      return;
    }
    showError(err instanceof Error ? err.message : String(err));
    setState(state === 'running' || state === 'idle' ? 'paused' : state);
  }

  /** @param {string} message */
  function say(message) {
    statusLine.textContent = message;
  }

  /** @type {RunController} */
  const api = {
    play,
    pause,
    step,
    reset,
    finish,
    diverge,
    fail,
    say,
    showError,
    /** An unrecoverable problem (e.g. no data): everything but Reset stays disabled. */
    error(message) {
      stopLoop();
      showError(message);
      setState('error');
    },
    /** Enable or disable the whole bar (e.g. while the data loads). */
    setEnabled(on) {
      enabled = on;
      if (!on) stopLoop();
      setState(!on && state === 'running' ? 'paused' : state);
    },
    /** Back to idle without calling the chapter's reset (it rebuilt the run itself). */
    idle() {
      stopLoop();
      canContinue = false;
      showError('');
      setState('idle');
    },
    set onFps(fn) {
      onFps = fn;
    },
    get state() {
      return state;
    },
    get budgetMs() {
      return budgetMs;
    },
    get fps() {
      return fps;
    },
    get speed() {
      return speedSelect ? Number(speedSelect.value) : 1;
    },
    set speed(v) {
      if (speedSelect) speedSelect.value = String(v);
    },
    speedSelect,
    get keys() {
      return keys && container.isConnected && !container.closest('[hidden]');
    },
    destroy() {
      stopLoop();
      controllers.delete(api);
    },
  };

  buttons.play.addEventListener('click', play);
  buttons.pause.addEventListener('click', pause);
  buttons.step.addEventListener('click', step);
  buttons.reset.addEventListener('click', reset);
  controllers.add(api);
  installKeyboard();
  setState('idle');
  return api;
}

/**
 * @typedef {object} RunController
 * @property {() => void} play
 * @property {() => void} pause
 * @property {() => void} step
 * @property {() => void} reset
 * @property {(message?: string, options?: {canContinue?: boolean}) => void} finish
 * @property {(message: string) => void} diverge
 * @property {(err: unknown) => void} fail
 * @property {(message: string) => void} error
 * @property {(message: string) => void} say
 * @property {(message: string) => void} showError
 * @property {(on: boolean) => void} setEnabled
 * @property {() => void} idle
 * @property {(fps: number) => void} onFps   set: called with frames per second every half second while running
 * @property {RunState} state
 * @property {number} budgetMs
 * @property {number} fps
 * @property {number} speed
 * @property {HTMLSelectElement|null} speedSelect
 * @property {boolean} keys
 * @property {() => void} destroy
 */

/** Space, → and R, for the controller on screen, unless the student is typing or on a control that uses the key. */
function installKeyboard() {
  if (keyboardInstalled) return;
  keyboardInstalled = true;
  document.addEventListener('keydown', (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    const t = /** @type {HTMLElement} */ (e.target);
    if (t.closest?.('input, select, textarea, [contenteditable=""], [contenteditable="true"]')) return;
    const key = e.key === ' ' ? 'space' : e.key === 'ArrowRight' ? 'right' : e.key.toLowerCase() === 'r' ? 'r' : '';
    if (!key) return;
    if (key === 'space' && t.closest?.('button, a, summary')) return; // the focused control's own action
    const ctrl = [...controllers].find((c) => c.keys);
    if (!ctrl) return;
    e.preventDefault();
    if (key === 'space') (ctrl.state === 'running' ? ctrl.pause : ctrl.play)();
    else if (key === 'right') ctrl.step();
    else ctrl.reset();
  });
}
