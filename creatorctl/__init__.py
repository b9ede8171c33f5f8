"""creatorctl: the Douyin Creator Center (抖音创作者中心) in a terminal."""

__version__ = "0.1.0"
