# Independent reference values for tests/core/optimizers.rs (numpy float64, written from each paper's formula).
# Run: python3 -m venv /tmp/venv && /tmp/venv/bin/pip install numpy && /tmp/venv/bin/python tests/golden/optimizers.py
# Measured with numpy 2.4.6; the printed lists are pasted into the tests.
import numpy as np
np.set_printoptions(precision=9)
c = np.array([1.0, 4.0, 0.25]); theta0 = np.array([1.0, -2.0, 0.5]); eta = 0.1; steps = 3
grad = lambda th: c * th
def run(update):
    th = theta0.copy(); state = {}
    for t in range(1, steps + 1):
        th = update(th, grad(th), t, state)
    return th
def sgd(th, g, t, s): return th - eta * g
def mom_vel(th, g, t, s):
    v = s.get('v', 0) * 0.9 - eta * g; s['v'] = v; return th + v
def mom_acc(th, g, t, s):
    v = s.get('v', 0) * 0.9 + g; s['v'] = v; return th - eta * v
def nesterov(th, g, t, s):
    v = s.get('v', 0) * 0.9 + g; s['v'] = v; return th - eta * (g + 0.9 * v)
def adagrad(th, g, t, s):
    G = s.get('G', 0) + g * g; s['G'] = G; return th - eta * g / (np.sqrt(G) + 1e-8)
def rmsprop(th, g, t, s):
    v = 0.9 * s.get('v', 0) + 0.1 * g * g; s['v'] = v; return th - eta * g / (np.sqrt(v) + 1e-8)
def adam_factory(correct, wd=0.0):
    def adam(th, g, t, s):
        m = 0.9 * s.get('m', 0) + 0.1 * g; v = 0.999 * s.get('v', 0) + 0.001 * g * g; s['m'] = m; s['v'] = v
        mh, vh = (m / (1 - 0.9 ** t), v / (1 - 0.999 ** t)) if correct else (m, v)
        return th - eta * (mh / (np.sqrt(vh) + 1e-8) + wd * th)
    return adam
for name, f in [('sgd', sgd), ('momentum velocity', mom_vel), ('momentum accumulated', mom_acc), ('nesterov', nesterov),
                ('adagrad', adagrad), ('rmsprop', rmsprop), ('adam', adam_factory(True)), ('adam no bias correction', adam_factory(False)),
                ('adamw wd=0.01', adam_factory(True, 0.01))]:
    print(name, repr(run(f).tolist()))
# SGD with L2 on one step, slide form: w -> (1 - eta*lam/n) w - (eta/m) sum_x dCx/dw, eta=0.5, lam=2, n=10, m=4
w = np.array([1.0, -2.0, 0.5]); gsum = np.array([0.4, -0.8, 1.2])
print('sgd l2', repr(((1 - 0.5*2/10) * w - (0.5/4) * gsum).tolist()))
print('sgd l1', repr((w - 0.5*2/10*np.sign(w) - (0.5/4) * gsum).tolist()))
