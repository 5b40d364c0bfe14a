"""The data page: one row per data file, its numbers computed from the files, and one zip
of all the data that is the same file for the same data."""

import zipfile

from digideficit.paths import ROOT
from digideficit.site import datafiles
from digideficit.validated import data


def test_one_row_per_data_file_with_its_counts(tables):
    rows = {row["file"]: row for row in datafiles.summary(tables)}
    assert sorted(rows) == sorted(name for name, _spec in data.FILES.values())
    digital = rows["digital_services.csv"]
    lines = (ROOT / "data" / "digital_services.csv").read_text(encoding="utf-8").splitlines()
    assert digital["rows"] == len(lines) - 1  # the file's rows, not the months set beside them
    published = tables.digital_services[
        ~tables.digital_services["source_id"].isin(set(tables.boj_monthly["source_id"]))
    ]
    assert digital["sources"] == published["source_id"].nunique()
    periods = sorted(published["period"].astype(str))
    assert digital["period"] == f"{periods[0]} to {periods[-1]}"
    cited = tables.sources.set_index("id").loc[published["source_id"].unique()]
    assert digital["latest"] == str(cited["date"].astype(str).max())
    assert rows["sources.csv"]["sources"] == len(tables.sources)
    monthly = rows["boj_monthly.csv"]
    assert monthly["rows"] == len(tables.boj_monthly)
    assert monthly["period"] == (
        f"{tables.boj_monthly['period'].min()} to {tables.boj_monthly['period'].max()}"
    )
    assert rows["boj_series.csv"]["sources"] == 0  # a catalogue of series, citing none


def test_the_zip_holds_every_file_and_is_the_same_for_the_same_data(tmp_path):
    first = datafiles.write_zip(tmp_path / "one").read_bytes()
    second = datafiles.write_zip(tmp_path / "two").read_bytes()
    assert first == second
    with zipfile.ZipFile(tmp_path / "one" / datafiles.ZIP) as archive:
        names = archive.namelist()
        assert (
            archive.read("data/datapackage.json") == (ROOT / "data/datapackage.json").read_bytes()
        )
    assert len(names) == len(data.FILES) + 1
