# os.path follows posixpath's rules exactly: join restarts at an absolute part, split
# and splitext leave leading dots alone, normpath folds . and .. .
import os
import os.path
import os.path as osp

print(os.sep, os.curdir, os.pardir, os.name, repr(os.linesep), osp is os.path)
for parts in [("a",), ("a", "b"), ("a/", "b"), ("a", "/b", "c"), ("", "b"), ("a", ""), ("/", "x", "y/")]:
    print(parts, "->", repr(os.path.join(*parts)))
for p in ["a/b/c.txt", "/", "a/", "a/b//", "//x", "file", "", ".bashrc", "a/.b.c", "...", "a.b/c", "x/y.tar.gz"]:
    print(repr(p), os.path.split(p), os.path.splitext(p), repr(os.path.basename(p)), repr(os.path.dirname(p)))
for p in ["a//b/./../c/", "//a/../..", "///a", "../x/..", "", ".", "/..", "a/b/../../.."]:
    print(repr(p), "->", repr(os.path.normpath(p)))
print(os.path.isabs("/x"), os.path.isabs("x"), os.path.abspath("x/../y") == os.path.join(os.getcwd(), "y"))
print(os.path.abspath("/a/./b/../c"))
print(os.path.exists("."), os.path.isdir("."), os.path.isfile("."), os.path.exists("no_such_thing"))
print(os.path.isfile(os.path.abspath(__file__)), os.path.basename(__file__))
