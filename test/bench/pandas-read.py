"""What a pandas script does with the same returns: read every file's first sheet, then concat.

Run by the benchmark beside `taizhang import` (test/bench/cli-import.ts); prints the row count.
"""
import sys

import pandas

frames = [pandas.read_excel(name, header=None, engine="openpyxl") for name in sys.argv[1:]]
print(len(pandas.concat(frames, ignore_index=True)))
