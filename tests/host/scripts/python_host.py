# Run by /usr/bin/python3 directly and through ldso (tests/host): C extension
# modules (json's _json, ssl, sqlite3, ctypes + libffi, decimal's _decimal)
# doing real work, and threads. Deterministic output only.
import ctypes
import decimal
import json
import sqlite3
import ssl
import sys
import threading

print("python", sys.version_info[:2] >= (3, 9))

# json (the C accelerator)
doc = {"name": "ldso", "list": [1, 2.5, None, True, "ü"], "nested": {"k": [{"a": 1}, {"b": [2, 3]}]}}
text = json.dumps(doc, sort_keys=True)
print("json:", text)
print("json round trip:", json.loads(text) == doc, json.decoder.c_scanstring is not None)

# ssl (libssl, libcrypto)
print("ssl: OpenSSL prefix:", ssl.OPENSSL_VERSION.split()[0], ssl.OPENSSL_VERSION_INFO[0] >= 1)
ctx = ssl.create_default_context()
print("ssl: verify_mode", ctx.verify_mode == ssl.CERT_REQUIRED, "check_hostname", ctx.check_hostname)
print("ssl: TLS 1.2 minimum or better:", ctx.minimum_version >= ssl.TLSVersion.TLSv1_2 or
      ctx.minimum_version == ssl.TLSVersion.MINIMUM_SUPPORTED)
import hashlib
print("hashlib sha256:", hashlib.sha256(b"ldso host mode").hexdigest())
print("hashlib sha3_256:", hashlib.sha3_256(b"ldso").hexdigest()[:16])

# sqlite3 (libsqlite3)
db = sqlite3.connect(":memory:")
db.execute("create table t (id integer primary key, name text, score real)")
db.executemany("insert into t (name, score) values (?, ?)",
               [("a", 1.5), ("b", 2.25), ("c", 3.0), ("a", 10.0)])
print("sqlite:", db.execute("select name, count(*), sum(score) from t group by name order by name").fetchall())
print("sqlite: json_extract", db.execute("select json_extract('{\"x\": [5, 6]}', '$.x[1]')").fetchone())
db.create_function("twice", 1, lambda v: v * 2)
print("sqlite: python function", db.execute("select twice(score) from t where id = 2").fetchone())
db.close()

# ctypes (libffi): a call into libc and a callback from qsort
libc = ctypes.CDLL("libc.so.6")
libc.strlen.argtypes = [ctypes.c_char_p]
libc.strlen.restype = ctypes.c_size_t
print("ctypes strlen:", libc.strlen(b"hello, loader"))
CMP = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_int))
arr = (ctypes.c_int * 6)(5, 3, 9, 1, 7, 2)
libc.qsort(arr, len(arr), ctypes.sizeof(ctypes.c_int), CMP(lambda a, b: a[0] - b[0]))
print("ctypes qsort with a Python callback:", list(arr))

# decimal (libmpdec)
decimal.getcontext().prec = 40
print("decimal 1/7:", decimal.Decimal(1) / decimal.Decimal(7))
print("decimal sqrt(2):", decimal.Decimal(2).sqrt())
print("decimal sum:", sum(decimal.Decimal("0.1") for _ in range(10)) == decimal.Decimal(1))

# threads
results = [None] * 6
lock = threading.Lock()
shared = []


def work(i):
    h = hashlib.sha256()
    for k in range(2000):
        h.update(str(i * k).encode())
    total = sum(decimal.Decimal(k) / 3 for k in range(200 + i))
    results[i] = (i, h.hexdigest()[:12], str(total)[:12])
    with lock:
        shared.append(i)


threads = [threading.Thread(target=work, args=(i,)) for i in range(6)]
for t in threads:
    t.start()
for t in threads:
    t.join()
for r in results:
    print("thread", *r)
print("threads appended:", sorted(shared))
local = threading.local()
local.v = "main"
seen = []
t = threading.Thread(target=lambda: seen.append(getattr(local, "v", "unset")))
t.start()
t.join()
print("threading.local in a new thread:", seen, "main still", local.v)
