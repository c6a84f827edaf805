#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The SRDI Ledger authors
"""Fault trials of the ledger file, through the command line as a clerk's
scripts and a second program would meet it:

- kill -9 at a random moment of an import, an undo, a merge, a bulletin
  export, a roster export, a migration, a backup and a demo load; after
  each, the program starts again, and then the ledger passes
  PRAGMA integrity_check, its data and audit rows are wholly before or
  wholly after the write, an earlier output file is byte-identical or a
  whole new one, and no temporary or lock file is left;
- two processes at once: two imports, an import during an export, readers
  during a write, and a writer refused by a held lock, named;
- a full disk, on a small tmpfs (as root only).

Every check reads the files itself (Python's sqlite3, zipfile), not
through the program. Prints TAP. SL_TRIAL_KILLS sets the number of kills
(default 100), SL_TRIAL_SEED the random seed.
"""

import csv
import hashlib
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile

CLI = os.environ["SL_CLI"]
BUILD = os.environ.get("G_TEST_BUILDDIR", os.path.dirname(os.path.abspath(__file__)))
MAKE_OLD = os.path.join(BUILD, "make-old-ledger")
KILLS = int(os.environ.get("SL_TRIAL_KILLS", "100"))
SEED = int(os.environ.get("SL_TRIAL_SEED", str(int(time.time()))))
rng = random.Random(SEED)

work = tempfile.mkdtemp(prefix="sl-trials-")
ENV = dict(os.environ, XDG_DATA_HOME=os.path.join(work, "xdg"), LC_ALL="C.UTF-8")
results = []


def report(ok, name, diag=""):
    results.append((ok, name, diag))
    print(("ok" if ok else "not ok") + " %d %s" % (len(results), name))
    if diag and not ok:
        for line in str(diag).splitlines():
            print("# " + line)
    sys.stdout.flush()


def cli(*args, timeout=120):
    return subprocess.run([CLI, *args], env=ENV, capture_output=True, text=True, timeout=timeout)


def must(*args):
    r = cli(*args)
    if r.returncode != 0:
        raise SystemExit("setup failed: %s: %s" % (" ".join(args), r.stderr))
    return r


def query(db, sql):
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def state(db):
    """The data and its audit rows, as one comparable tuple."""
    return query(db, "SELECT (SELECT count(*) FROM enterprise WHERE deleted_at IS NULL),"
                     " (SELECT count(*) FROM certification), (SELECT count(*) FROM annual_figures),"
                     " (SELECT count(*) FROM audit_log WHERE entity <> 'bulletin'),"
                     " (SELECT user_version FROM pragma_user_version)")[0]


def digest(path):
    if not os.path.exists(path):
        return None
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def leftovers(folder):
    found = []
    for root, _dirs, files in os.walk(folder):
        for name in files:
            if name.endswith(".part") or name.startswith(".~lock.") or name.endswith("-journal"):
                found.append(os.path.join(root, name))
    return found


def backups_of(db):
    """The ledger's own backups folder, named as sl_backup_folder() names it."""
    stem = os.path.splitext(os.path.basename(db))[0]
    h = hashlib.sha256(os.path.abspath(db).encode()).hexdigest()[:8]
    return os.path.join(ENV["XDG_DATA_HOME"], "srdi-ledger", "backups", "%s-%s" % (stem, h))


def fill(folder):
    """Writes filler files until the disk says it is full."""
    k = 0
    while True:
        try:
            with open(os.path.join(folder, "filler%d" % k), "wb") as f:
                while True:
                    f.write(b"\0" * 4096)
                    f.flush()
        except OSError:
            k += 1
            if k > 3:
                return


def fresh_copy(start, db):
    """A ledger file put in place whole: a -wal of the file it replaces would be read into it."""
    for suffix in ("-wal", "-shm", "-journal"):
        if os.path.exists(db + suffix):
            os.unlink(db + suffix)
    shutil.copy(start, db)


def workbook_ok(path):
    try:
        with zipfile.ZipFile(path) as z:
            return z.testzip() is None and any(n.startswith("xl/worksheets/") for n in z.namelist())
    except (zipfile.BadZipFile, OSError):
        return False


# ---------------------------------------------------------------- fixtures
fix = os.path.join(work, "fixtures")
os.makedirs(fix)
src = os.path.join(fix, "src.db")
must("--db", src, "--demo", "1500")
roster = os.path.join(fix, "roster.csv")
must("--db", src, "--export-roster", roster)
with open(roster, encoding="utf-8-sig", newline="") as f:
    rows = list(csv.reader(f))
halves = []
for k, part in enumerate((rows[1:751], rows[751:])):
    path = os.path.join(fix, "half%d.csv" % k)
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([rows[0]] + part)
    halves.append(path)

empty = os.path.join(fix, "empty.db")
must("--db", empty, "--demo", "1")
# The demo's next firms are not the source's: index 2 on.
full = os.path.join(fix, "full.db")
shutil.copy(empty, full)
must("--db", full, "--demo", "1500")
imported = os.path.join(fix, "imported.db")
shutil.copy(empty, imported)
must("--db", imported, "--import", roster, "--skip-bad-rows")
old = os.path.join(fix, "old.db")
subprocess.run([MAKE_OLD, old, "800"], env=ENV, check=True)

# ---------------------------------------------------------------- scenarios
# Each: the ledger it starts from, the command, and the output it writes
# over an earlier file (if any).
SCENARIOS = [
    ("import", empty, ["--import", roster, "--skip-bad-rows"], None),
    ("undo import", imported, ["--undo-import"], None),
    ("merge", empty, ["--merge", src], None),
    ("bulletin export", full, ["--export-bulletin", "2026-10", "--output", "OUT/bulletin.xlsx"], "bulletin.xlsx"),
    ("roster export", full, ["--export-roster", "OUT/roster.csv"], "roster.csv"),
    ("migration", old, ["--summary", "2026-10"], None),
    ("backup", full, ["--backup", "OUT/copy.db"], "copy.db"),
    ("demo load", empty, ["--demo", "2000"], None),
]


def prepare(trial, start, out_name):
    d = os.path.join(work, "t%03d" % trial)
    os.makedirs(d)
    db = os.path.join(d, "ledger.db")
    shutil.copy(start, db)
    os.chmod(db, 0o600)
    earlier = None
    if out_name and out_name != "copy.db":
        earlier = os.path.join(d, out_name)
        with open(earlier, "wb") as f:
            f.write(b"the earlier file, which must survive unless replaced whole\n" * 50)
    return d, db, earlier


def args_for(cmd, d):
    return [a.replace("OUT/", d + "/") for a in cmd]


# The whole run of each, unkilled: how long it takes and what it leaves.
reference = {}
for name, start, cmd, out_name in SCENARIOS:
    d, db, earlier = prepare(len(reference) + 900, start, out_name)
    before = state(db)
    t0 = time.monotonic()
    r = cli("--db", db, *args_for(cmd, d))
    took = time.monotonic() - t0
    after = state(db)
    ref_out = digest(os.path.join(d, out_name)) if out_name else None
    reference[name] = (before, after, took, ref_out)
    report(r.returncode == 0 and before != after or name in ("bulletin export", "roster export", "backup"),
           "reference run of %s: %.2f s, %s -> %s" % (name, took, before, after), r.stderr)

kills_done = 0
trial = 0
while kills_done < KILLS:
    name, start, cmd, out_name = SCENARIOS[trial % len(SCENARIOS)]
    trial += 1
    before, after, took, ref_out = reference[name]
    d, db, earlier = prepare(trial, start, out_name)
    earlier_digest = digest(earlier) if earlier else None
    delay = rng.uniform(0.0, took * 1.1)
    proc = subprocess.Popen([CLI, "--db", db, *args_for(cmd, d)], env=ENV,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    killed = proc.poll() is None
    if killed:
        proc.send_signal(signal.SIGKILL)
    proc.wait()
    kills_done += 1
    problems = []
    # The program starts again on the ledger (a read that migrates, recovers
    # the WAL and removes the temporaries a kill left).
    again = cli("--db", db, "--summary", "2026-10")
    if again.returncode != 0:
        problems.append("restart: " + again.stderr.strip())
    try:
        check = query(db, "PRAGMA integrity_check")
        if check != [("ok",)]:
            problems.append("integrity: %s" % check[:3])
        now = state(db)
        if name == "migration":
            # Starting again completes the migration a kill interrupted.
            if now != after:
                problems.append("migration: %s, expected %s" % (now, after))
        elif now not in (before, after):
            problems.append("half a write: %s is neither %s nor %s" % (now, before, after))
    except sqlite3.Error as e:
        problems.append("unreadable: %s" % e)
    if out_name:
        out = os.path.join(d, out_name)
        got = digest(out)
        if out_name == "bulletin.xlsx":
            if got != earlier_digest and not workbook_ok(out):
                problems.append("the earlier workbook was replaced by a broken one")
        elif out_name == "roster.csv":
            if got not in (earlier_digest, ref_out):
                problems.append("the earlier roster was replaced by a partial one")
        elif out_name == "copy.db" and got is not None:
            try:
                if query(out, "PRAGMA integrity_check") != [("ok",)] or state(out)[0] != before[0]:
                    problems.append("a partial backup under the backup's name")
            except sqlite3.Error as e:
                problems.append("a broken backup under the backup's name: %s" % e)
    left = leftovers(d) + leftovers(backups_of(db))
    if left:
        problems.append("left behind: %s" % left)
    for f in os.listdir(d):
        p = os.path.join(d, f)
        if f.startswith("ledger") and os.stat(p).st_mode & 0o077:
            problems.append("%s has mode %o" % (f, os.stat(p).st_mode & 0o777))
    report(not problems, "kill %d: %s after %.3f s%s" % (kills_done, name, delay, "" if killed else " (had finished)"),
           "\n".join(problems))
    shutil.rmtree(d, ignore_errors=True)

# ---------------------------------------------------------------- two processes
d = os.path.join(work, "two")
os.makedirs(d)
db = os.path.join(d, "ledger.db")
fresh_copy(empty, db)
a = subprocess.Popen([CLI, "--db", db, "--import", halves[0], "--skip-bad-rows"], env=ENV,
                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
b = subprocess.Popen([CLI, "--db", db, "--import", halves[1], "--skip-bad-rows"], env=ENV,
                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
ra, rb = a.communicate(), b.communicate()
n = state(db)[0]
report(a.returncode == 0 and b.returncode == 0 and n == reference["import"][1][0],
       "two imports at once: both done, %d firms" % n, ra[1] + rb[1])

# Both processes open the ledger at rest and race to switch it to WAL (and
# back, as each closes): a refusal there came once in about forty runs, so
# the pair runs several times (SL_TRIAL_PAIRS, 8 by default).
fresh_copy(empty, db)
must("--db", db, "--import", halves[0], "--skip-bad-rows")
at_rest = os.path.join(d, "at-rest.db")
shutil.copyfile(db, at_rest)
pairs = int(os.environ.get("SL_TRIAL_PAIRS", "8"))
refused = []
for k in range(pairs):
    if k > 0:
        fresh_copy(at_rest, db)
    out = os.path.join(d, "b.xlsx")
    if os.path.exists(out):
        os.unlink(out)
    exp = subprocess.Popen([CLI, "--db", db, "--export-bulletin", "2026-10", "--output", out], env=ENV,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    imp = subprocess.Popen([CLI, "--db", db, "--import", halves[1], "--skip-bad-rows"], env=ENV,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    re_, ri = exp.communicate(), imp.communicate()
    if not (exp.returncode == 0 and imp.returncode == 0 and workbook_ok(out)
            and query(db, "PRAGMA integrity_check") == [("ok",)]):
        refused.append("run %d: %s" % (k + 1, (re_[1] + ri[1]).strip()))
os.unlink(at_rest)
report(not refused, "an import during a bulletin export, %d times: both done, the workbook whole" % pairs,
       "\n".join(refused))

fresh_copy(empty, db)
writer = subprocess.Popen([CLI, "--db", db, "--import", roster, "--skip-bad-rows"], env=ENV,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
reads, bad = 0, []
while writer.poll() is None and reads < 50:
    r = cli("--db", db, "--summary", "2026-10", "--read-only")
    reads += 1
    try:
        json.loads(r.stdout)
        if r.returncode != 0:
            bad.append(r.stderr)
    except ValueError:
        bad.append(r.stderr or "no JSON")
writer.wait()
report(not bad and writer.returncode == 0, "readers during a write: %d summaries, all whole" % reads, "\n".join(bad[:3]))

# A writer that cannot get the ledger within its wait is refused, names
# who holds it, and changes nothing.
fresh_copy(full, db)
holder = sqlite3.connect(db, timeout=1)
holder.execute("PRAGMA journal_mode = WAL")
holder.execute("BEGIN IMMEDIATE")
lock = os.path.join(d, ".~lock.ledger.db#")
with open(lock, "w") as f:
    f.write("%d\t%s\tclerk2\t2026-12-01T14:02:00+08:00\tcommand line\n" % (os.getpid(), os.uname().nodename))
t0 = time.monotonic()
r = cli("--db", db, "--demo", "5")
waited = time.monotonic() - t0
holder.rollback()
holder.close()
os.unlink(lock)
named = "busy" in r.stderr and "clerk2" in r.stderr and str(os.getpid()) in r.stderr
report(r.returncode == 1 and named and r.stderr.count("\n") == 1 and state(db) == reference["bulletin export"][0],
       "a writer refused while another holds the ledger (waited %.1f s), told who" % waited,
       "%s\nstate %s, expected %s" % (r.stderr, state(db), reference["bulletin export"][0]))

# The bulletin's earlier file stays unless the new one is recorded: with
# another program holding the ledger, the export is refused and the earlier
# workbook is as it was.
fresh_copy(full, db)
out = os.path.join(d, "b.xlsx")
with open(out, "wb") as f:
    f.write(b"the earlier bulletin\n")
earlier = digest(out)
holder = sqlite3.connect(db, timeout=1)
holder.execute("PRAGMA journal_mode = WAL")
holder.execute("BEGIN IMMEDIATE")
r = cli("--db", db, "--export-bulletin", "2026-10", "--output", out)
holder.rollback()
holder.close()
report(r.returncode == 1 and "busy" in r.stderr and digest(out) == earlier and not leftovers(d),
       "a bulletin that cannot be recorded leaves the earlier file as it was", r.stderr)

# Three exports of one month at once: its issue and two corrections of it.
procs = [subprocess.Popen([CLI, "--db", db, "--export-bulletin", "2026-10", "--output", os.path.join(d, "b%d.xlsx" % k)],
                          env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for k in range(3)]
errs = [p.communicate()[1] for p in procs]
numbers = sorted(n for (n,) in query(db, "SELECT issue_no FROM bulletin WHERE period = '2026-10'"))
revisions = sorted(r for (r,) in query(db, "SELECT json_extract (after, '$.revision') FROM audit_log"
                                           " WHERE entity = 'bulletin' AND json_extract (after, '$.period') = '2026-10'"))
report(all(p.returncode == 0 for p in procs) and len(numbers) == 3 and len(set(numbers)) == 1
       and revisions[-3:] == [revisions[-3], revisions[-3] + 1, revisions[-3] + 2],
       "three exports of one month at once: issues %s, revisions %s" % (numbers, revisions), "".join(errs))

# ---------------------------------------------------------------- files one may not write
if os.geteuid() != 0 or shutil.which("setpriv") is None:
    print("ok %d read-only files # SKIP needs root to act as another user" % (len(results) + 1))
    results.append((True, "read-only", ""))
else:
    os.chmod(work, 0o755)
    ro = os.path.join(work, "ro")
    os.makedirs(ro)
    os.chmod(ro, 0o755)
    home = os.path.join(work, "nobody")
    os.makedirs(home)
    os.chmod(home, 0o777)
    db = os.path.join(ro, "ledger.db")
    fresh_copy(full, db)
    os.chmod(db, 0o644)
    before_digest = digest(db)
    as_nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", CLI]
    env_nobody = dict(ENV, XDG_DATA_HOME=home, HOME=home)
    r1 = subprocess.run(as_nobody + ["--db", db, "--summary", "2026-10"], env=env_nobody, capture_output=True, text=True)
    r2 = subprocess.run(as_nobody + ["--db", db, "--demo", "5"], env=env_nobody, capture_output=True, text=True)
    r3 = subprocess.run(as_nobody + ["--db", db, "--summary", "2026-10"], env=env_nobody, capture_output=True, text=True)
    ok = (r1.returncode == 0 and r3.returncode == 0 and r2.returncode == 1 and "read-only" in r2.stderr
          and digest(db) == before_digest and not os.path.exists(db + "-wal") and not os.path.exists(db + "-shm"))
    report(ok, "a ledger in a folder its user cannot write: read, refused to write in words, nothing left behind, readable again",
           "summary: %s\nwrite: %s\nagain: %s\nfiles: %s" % (r1.stderr, r2.stderr, r3.stderr, os.listdir(ro)))
    os.chmod(db, 0o600)
    os.chown(db, 65534, 65534)
    os.chmod(ro, 0o777)
    r4 = subprocess.run(as_nobody + ["--db", db, "--demo", "5"], env=env_nobody, capture_output=True, text=True)
    report(r4.returncode == 0, "once the folder and file are the user's, the ledger is written", r4.stderr)

# ---------------------------------------------------------------- a full disk
if os.geteuid() != 0 or shutil.which("mount") is None:
    print("ok %d a full disk # SKIP needs root to mount a small tmpfs" % (len(results) + 1))
    results.append((True, "full disk", ""))
else:
    mnt = os.path.join(work, "small")
    os.makedirs(mnt)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", mnt]).returncode == 0
    if not mounted:
        print("ok %d a full disk # SKIP tmpfs could not be mounted here" % (len(results) + 1))
        results.append((True, "full disk", ""))
    else:
        try:
            db = os.path.join(mnt, "ledger.db")
            fresh_copy(empty, db)
            earlier = os.path.join(mnt, "roster.csv")
            with open(earlier, "w") as f:
                f.write("an earlier export\n")
            before_digest = digest(earlier)
            cli("--db", db, "--summary", "2026-10")
            before = state(db)
            fill(mnt)
            r1 = cli("--db", db, "--import", roster, "--skip-bad-rows")
            fill(mnt)
            rm = cli("--db", db, "--merge", src)
            fill(mnt)
            r2 = cli("--db", db, "--export-roster", earlier)
            # libxlsxwriter says why only on standard error: its lines come in the one
            # message. Written to a second full disk, the ledger's own having room to open.
            mnt2 = os.path.join(work, "small2")
            os.makedirs(mnt2)
            subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mnt2], check=True)
            try:
                fill(mnt2)
                r3 = cli("--db", full, "--export-roster", os.path.join(mnt2, "roster.xlsx"))
                left3 = leftovers(mnt2)
            finally:
                subprocess.run(["umount", mnt2])
            lines3 = [l for l in r3.stderr.splitlines() if l.strip()]
            for f in os.listdir(mnt):
                if f.startswith("filler"):
                    os.unlink(os.path.join(mnt, f))
            cli("--db", db, "--summary", "2026-10")
            ok = (r1.returncode == 1 and "full" in r1.stderr and rm.returncode == 1 and "full" in rm.stderr
                  and r2.returncode == 1
                  and r3.returncode == 1 and len(lines3) == 1 and "roster.xlsx" in lines3[0]
                  and "(libxlsxwriter: " in lines3[0] and "No space left on device" in lines3[0] and not left3
                  and query(db, "PRAGMA integrity_check") == [("ok",)] and state(db) == before
                  and digest(earlier) == before_digest and not leftovers(mnt))
            report(ok, "a full disk: the import, the merge and the exports refused with “full” on one line each, the ledger and the earlier file as they were",
                   "import: %s\nmerge: %s\nexport: %s\nxlsx: %s\nleft: %s %s" % (r1.stderr, rm.stderr, r2.stderr, r3.stderr, leftovers(mnt), left3))
        finally:
            subprocess.run(["umount", mnt])

print("1..%d" % len(results))
print("# seed %d, %d kills" % (SEED, kills_done))
shutil.rmtree(work, ignore_errors=True)
sys.exit(0)
