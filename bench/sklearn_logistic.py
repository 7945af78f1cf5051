#!/usr/bin/python3
"""scikit-learn's LogisticRegression (lbfgs, multinomial) as the peer of `likely train --architecture softmax --solver lbfgs`.

  reference  Fits all 1,797 UCI digits (features = pixel count / 16, the rows in the order of sklearn's digits.csv.gz,
             which Likely embeds as digits:all) with C=1 to convergence and writes the coefficients, intercepts and
             objective to tests/Likely.Tests/Data/sklearn_logistic_digits.json (the oracle of SoftmaxRegressionTests).
  bench      Times LogisticRegression(lbfgs, C=1, max_iter=100) on standardized Fashion-MNIST (training part) and prints
             seconds, iterations, the objective sum_i CE_i + ||W||^2/(2C) and test accuracy as one JSON line.

Objective (sklearn 1.2): mean_i CE_i + ||W||^2 / (2*C*N), i.e. N times smaller than Likely's sum form; the minimizer is the same.
"""
import gzip, json, os, struct, sys, time
import numpy as np
from sklearn.linear_model import LogisticRegression

def objective(model, x, y, c):
    z = x @ model.coef_.T + model.intercept_
    z = z - z.max(axis=1, keepdims=True)
    logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    return float(-logp[np.arange(len(y)), y].sum() + (model.coef_ ** 2).sum() / (2 * c))

def reference(path):
    data = np.loadtxt(gzip.open('/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz'), delimiter=',')
    x, y = data[:, :-1] / 16.0, data[:, -1].astype(int)
    model = LogisticRegression(C=1.0, solver='lbfgs', multi_class='multinomial', tol=1e-12, max_iter=100000)
    model.fit(x, y)
    result = {
        'source': 'bench/sklearn_logistic.py reference; scikit-learn %s; digits.csv.gz (1797 rows, features/16), C=1, lbfgs, tol=1e-12' % __import__('sklearn').__version__,
        'rows': int(len(y)), 'features': int(x.shape[1]), 'classes': 10, 'C': 1.0,
        'iterations': int(model.n_iter_[0]),
        'objective_sum': objective(model, x, y, 1.0),
        'coef': model.coef_.ravel().tolist(),
        'intercept': model.intercept_.tolist(),
    }
    with open(path, 'w') as f:
        json.dump(result, f)
    print('wrote', path, 'objective', result['objective_sum'], 'iterations', result['iterations'])

def idx(path):
    with gzip.open(path) as f:
        magic = struct.unpack('>i', f.read(4))[0]
        dims = struct.unpack('>' + 'i' * (magic & 0xff), f.read(4 * (magic & 0xff)))
        return np.frombuffer(f.read(), dtype=np.uint8).reshape(dims)

def bench(folder='/usr/share/datasets/fashion-mnist'):
    xtr = idx(os.path.join(folder, 'train-images-idx3-ubyte.gz')).reshape(60000, -1).astype(np.float32) / 255
    ytr = idx(os.path.join(folder, 'train-labels-idx1-ubyte.gz')).astype(int)
    xte = idx(os.path.join(folder, 't10k-images-idx3-ubyte.gz')).reshape(10000, -1).astype(np.float32) / 255
    yte = idx(os.path.join(folder, 't10k-labels-idx1-ubyte.gz')).astype(int)
    mean, std = xtr.mean(axis=0), xtr.std(axis=0)
    std[std == 0] = 1
    xtr, xte = (xtr - mean) / std, (xte - mean) / std
    model = LogisticRegression(C=1.0, solver='lbfgs', multi_class='multinomial', max_iter=100)
    start = time.perf_counter()
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        model.fit(xtr, ytr)
    seconds = time.perf_counter() - start
    print(json.dumps({'peer': 'sklearn LogisticRegression(lbfgs, C=1, max_iter=100)', 'seconds': seconds,
                      'iterations': int(model.n_iter_[0]), 'objective_sum': objective(model, xtr.astype(np.float64), ytr, 1.0),
                      'test_accuracy': float((model.predict(xte) == yte).mean())}))

if __name__ == '__main__':
    if sys.argv[1:2] == ['reference']:
        reference(sys.argv[2] if len(sys.argv) > 2 else 'tests/Likely.Tests/Data/sklearn_logistic_digits.json')
    else:
        bench()
