"""`make release`: the built site as one archive named by its edition — the same site gives
the same bytes whatever the files' dates on disk, its checksum verifies with `sha256sum`, and
the manifest lists the edition, every data file with its hash, and the archive's hash."""

import gzip
import hashlib
import json
import os
import subprocess
import tarfile

import pytest

from digideficit.paths import ROOT
from digideficit.site import release


@pytest.fixture
def small_site(tmp_path):
    """A built site in miniature: pages in folders, a binary file, a name past 100 characters
    (tar's old limit)."""
    site = tmp_path / "html"
    (site / "chapters").mkdir(parents=True)
    (site / "_static" / "downloads").mkdir(parents=True)
    (site / "index.html").write_text("<h1>Japan's digital trade deficit</h1>", encoding="utf-8")
    (site / "chapters" / "summary.html").write_text("<p>¥6.60 trillion</p>", encoding="utf-8")
    (site / "_static" / "report.pdf").write_bytes(bytes(range(256)) * 40)
    (site / "_static" / "downloads" / ("long-name-" * 12 + ".csv")).write_text("a,b\n1,2\n")
    return site


def archive(site, target, tables):
    return release.make(site, target, tables, ROOT / "data")


def test_the_same_site_gives_the_same_bytes(tmp_path, small_site, tables):
    first = archive(small_site, tmp_path / "one", tables)
    # the same files written again later, with other dates and permissions on disk
    for path in small_site.rglob("*"):
        os.utime(path, (1_900_000_000, 1_900_000_000))
        if path.is_file():
            path.chmod(0o600)
    second = archive(small_site, tmp_path / "two", tables)
    for name in ("digideficit-2026-06-08.tar.gz", "digideficit-2026-06-08.tar.gz.sha256"):
        assert (first.parent / name).read_bytes() == (second.parent / name).read_bytes(), name
    assert first.read_bytes() == second.read_bytes()
    # another page is another archive
    (small_site / "index.html").write_text("changed", encoding="utf-8")
    third = archive(small_site, tmp_path / "three", tables)
    assert (
        json.loads(third.read_text())["site"]["sha256"]
        != json.loads(first.read_text())["site"]["sha256"]
    )


def test_the_archive_holds_the_site_sorted_with_fixed_dates_and_owners(
    tmp_path, small_site, tables
):
    manifest = archive(small_site, tmp_path / "out", tables)
    path = manifest.parent / "digideficit-2026-06-08.tar.gz"
    assert gzip.open(path).read(1)  # a gzip stream
    assert path.read_bytes()[4:8] == b"\0\0\0\0"  # no time in the gzip header
    with tarfile.open(path) as opened:
        members = opened.getmembers()
        names = [m.name for m in members]
        assert names[0] == "digideficit-2026-06-08"
        assert names[1:] == sorted(names[1:])
        expected = sorted(
            f"digideficit-2026-06-08/{p.relative_to(small_site).as_posix()}"
            for p in small_site.rglob("*")
        )
        assert sorted(names[1:]) == expected
        assert {m.mtime for m in members} == {release.timestamp(release.edition.edition(tables))}
        assert {(m.uid, m.gid, m.uname, m.gname) for m in members} == {(0, 0, "", "")}
        assert {m.mode for m in members if m.isfile()} == {0o644}
        assert {m.mode for m in members if m.isdir()} == {0o755}
        member = opened.extractfile("digideficit-2026-06-08/_static/report.pdf")
        assert member.read() == (small_site / "_static" / "report.pdf").read_bytes()
    assert release.timestamp(release.edition.edition(tables)) == 1780876800  # 2026-06-08 UTC


def test_the_checksum_verifies_and_the_manifest_describes_the_release(tmp_path, small_site, tables):
    manifest_path = archive(small_site, tmp_path / "out", tables)
    folder = manifest_path.parent
    checked = subprocess.run(
        ["sha256sum", "--check", "digideficit-2026-06-08.tar.gz.sha256"],
        cwd=folder,
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0 and "digideficit-2026-06-08.tar.gz: OK" in checked.stdout
    body = (folder / "digideficit-2026-06-08.tar.gz").read_bytes()
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    assert manifest["edition"] == {
        "date": "2026-06-08",
        "latest_month": "2026-04",
        "label": "Edition of 2026-06-08 — Bank of Japan data to April 2026",
        "label_ja": "2026年6月8日版 — 日本銀行データ 2026年4月まで",
    }
    assert manifest["site"] == {
        "file": "digideficit-2026-06-08.tar.gz",
        "sha256": hashlib.sha256(body).hexdigest(),
        "bytes": len(body),
    }
    listed = {entry["file"]: entry for entry in manifest["data"]}
    for name in ("data/boj_monthly.csv", "data/sources.csv", "data/raw/boj/manifest.csv"):
        on_disk = (ROOT / name).read_bytes()
        assert listed[name]["sha256"] == hashlib.sha256(on_disk).hexdigest(), name
        assert listed[name]["bytes"] == len(on_disk)
    assert len(listed) == sum(1 for p in (ROOT / "data").rglob("*") if p.is_file())
    # a tampered archive no longer verifies
    middle = len(body) // 2
    tampered_body = body[:middle] + bytes([body[middle] ^ 0xFF]) + body[middle + 1 :]
    (folder / "digideficit-2026-06-08.tar.gz").write_bytes(tampered_body)
    tampered = subprocess.run(
        ["sha256sum", "--check", "digideficit-2026-06-08.tar.gz.sha256"],
        cwd=folder,
        capture_output=True,
        text=True,
    )
    assert tampered.returncode == 1


def test_no_built_site_no_release(tmp_path, tables):
    with pytest.raises(release.ReleaseError, match="no built site .*run `make book` first"):
        archive(tmp_path / "html", tmp_path / "out", tables)
    assert not (tmp_path / "out").exists()
