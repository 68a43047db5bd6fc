# Independent generator of one Intel protected file (format 1.0, SDK >= 2.18 layout), written
# from the layout description with Python's `cryptography`, for a known-answer test.
import struct
from cryptography.hazmat.primitives.cmac import CMAC
from cryptography.hazmat.primitives.ciphers import algorithms
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

def cmac(key, msg):
    c = CMAC(algorithms.AES(key)); c.update(msg); return c.finalize()

def gcm(key, pt):
    ct = AESGCM(key).encrypt(b"\0"*12, pt, None)
    return ct[:-16], ct[-16:]

kdk = bytes(range(16))
key_id = bytes(range(0x20, 0x40))
kdf = struct.pack("<I", 1) + b"SGX-PROTECTED-FS-METADATA-KEY".ljust(64, b"\0") + b"\0"*4 + struct.pack("<Q", 0) + key_id + struct.pack("<I", 128) + b"\0"*4
assert len(kdf) == 120
mkey = cmac(kdk, kdf)
print("metadata key", mkey.hex())

plain = bytes((i * 7) % 251 for i in range(3100))
data0 = plain[3072:].ljust(4096, b"\0")
k_data0 = bytes([0xd0]*16); ct_d0, tag_d0 = gcm(k_data0, data0)
root = bytearray(4096); root[0:16] = k_data0; root[16:32] = tag_d0
k_root = bytes([0xa1]*16); ct_root, tag_root = gcm(k_root, bytes(root))
enc = b"fixture.txt".ljust(260, b"\0") + struct.pack("<q", len(plain)) + k_root + tag_root + plain[:3072]
assert len(enc) == 3372
ct_meta, tag_meta = gcm(mkey, enc)
hdr = struct.pack("<Q", 0x5347585F46494C45) + bytes([1, 0]) + key_id + b"\0"*16 + struct.pack("<H", 0) + bytes([1]) + b"\0"*16 + tag_meta + bytes([0])
assert len(hdr) == 94
node0 = (hdr + ct_meta).ljust(4096, b"\0")
f = node0 + ct_root + ct_d0
assert len(f) == 3 * 4096
open("kdk-3100-fixture.txt.pfs", "wb").write(f)
open("kdk-3100-fixture.txt.plain", "wb").write(plain)
