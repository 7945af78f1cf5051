#!/usr/bin/python3
"""Independent reimplementation of Likely's fixed digits:train / digits:test split, for the C# test to compare against.

Reads scikit-learn's copy of the UCI digits (not Likely's embedded one, so a change to the resource is caught too),
then: stratified quotas t_k = floor(360 n_k / 1797) plus one for the largest remainders (360 n_k mod 1797, ties to the
lower class) until the quotas sum to 360; one SplitMix64 generator seeded with 1998 shuffles each class's row indices
(file order, classes 0..9 in turn, Fisher-Yates with j = next() mod (i + 1)); the first t_k of each class are test rows.

Usage: /usr/bin/python3 tests/Likely.Tests/Data/make_digits_split_reference.py > tests/Likely.Tests/Data/digits_split_reference.json
"""
import csv
import gzip
import json
import sys

SOURCE = "/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz"
SEED = 1998
TEST_COUNT = 360
MASK = (1 << 64) - 1


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK  # sign-extended 64-bit seed

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)


def shuffle(values, rng):
    for i in range(len(values) - 1, 0, -1):
        j = rng.next() % (i + 1)
        values[i], values[j] = values[j], values[i]


def main():
    with gzip.open(SOURCE, "rt") as f:
        labels = [int(float(row[64])) for row in csv.reader(f)]
    total = len(labels)
    members = [[i for i, y in enumerate(labels) if y == k] for k in range(10)]
    quota = [TEST_COUNT * len(m) // total for m in members]
    remainder = [TEST_COUNT * len(m) % total for m in members]
    missing = TEST_COUNT - sum(quota)
    for k in sorted(range(10), key=lambda k: (-remainder[k], k))[:missing]:
        quota[k] += 1
    rng = SplitMix64(SEED)
    test = []
    for k in range(10):
        rows = list(members[k])
        shuffle(rows, rng)
        test.extend(rows[: quota[k]])
    test.sort()
    json.dump({
        "source": SOURCE,
        "seed": SEED,
        "rows": total,
        "class_counts": [len(m) for m in members],
        "test_class_counts": quota,
        "test_index_sum": sum(test),
        "test_index_square_sum": sum(i * i for i in test),
        "test_indices": test,
    }, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
