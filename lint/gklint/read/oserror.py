"""Operating-system error texts in the user's language.

`OSError.strerror` is the C library's English ("No such file or directory"); inside a Chinese
message it reads as a foreign body. The errno says what happened, so it picks the Chinese text.
"""

from __future__ import annotations

import errno

_ZH = {
    errno.ENOENT: "文件不存在",
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限（操作不允许）",
    errno.EISDIR: "这是文件夹，不是文件",
    errno.ENOTDIR: "路径中有一部分不是文件夹",
    errno.ENAMETOOLONG: "文件名太长",
    errno.ELOOP: "符号链接循环",
    errno.EIO: "输入输出错误（磁盘或设备故障）",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "文件系统只读",
    errno.EBUSY: "文件正被占用",
    errno.EMFILE: "打开的文件太多",
    errno.EEXIST: "文件已存在",
    errno.EINVAL: "参数无效",
    errno.ENXIO: "设备不存在",
    errno.ENODEV: "设备不存在",
}


def describe(error: OSError, lang: str) -> str:
    """The reason of `error` in `lang` (zh: by errno; unknown errnos keep the system's text)."""
    english = error.strerror or str(error)
    if lang != "zh":
        return english
    return _ZH.get(error.errno, english)
