"""The logic behind the report on Japan's digital trade deficit.

Chapters import this package so that they stay thin: data loading and validation
(`data`, `schema`), item definitions (`definitions`), series selection (`series`),
chapter parameters (`params`) and charts (`charts`). The build lives in `build`.
"""

__all__ = ["charts", "data", "definitions", "params", "paths", "schema", "series"]
