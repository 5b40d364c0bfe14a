"""The GitHub Actions workflows, checked offline: zizmor finds nothing at its default
severity, each file passes the GitHub workflow schema, and the rules the project holds them
to are kept — every action pinned by commit, least privilege, no credentials left behind,
publishing only after the tests passed, the refresh acting on `make refresh`'s outcome."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from digideficit.paths import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
FILES = sorted(WORKFLOWS.glob("*.yml"))
BIN = Path(sys.executable).parent  # zizmor and check-jsonschema are pinned in requirements.txt
PINNED = re.compile(r"^[\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+(\.\d+)*$")


def load(path: Path) -> dict:
    # PyYAML reads the key `on` as True (YAML 1.1); the workflows' triggers are under it
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    workflow["on"] = workflow.pop(True)
    return workflow


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def zizmor(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / "zizmor"), "--offline", "--no-progress", str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_there_are_workflows_to_check():
    assert [p.name for p in FILES] == ["ci.yml", "refresh.yml"]


def test_zizmor_finds_nothing():
    result = zizmor(WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout


def test_zizmor_would_catch_an_unpinned_action_and_a_template_injection(tmp_path):
    text = (WORKFLOWS / "ci.yml").read_text(encoding="utf-8")
    bad = text.replace(
        "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1", "actions/checkout@v7"
    ).replace("run: make test", 'run: echo "${{ github.event.pull_request.title }}"')
    assert bad != text
    (tmp_path / "ci.yml").write_text(bad, encoding="utf-8")
    result = zizmor(tmp_path / "ci.yml")
    assert result.returncode != 0
    assert "unpinned-uses" in result.stdout and "template-injection" in result.stdout


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_each_workflow_passes_the_github_workflow_schema(path):
    result = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_actions_are_pinned_and_privileges_least(path):
    workflow = load(path)
    text = path.read_text(encoding="utf-8")
    assert "pull_request_target" not in text
    assert workflow["permissions"] == {}  # each job asks for what it needs
    for line in re.findall(r"uses: (.+)", text):
        assert PINNED.match(line), f"{path.name}: {line} is not pinned by commit with # vX"
    for step in steps(workflow):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False
    for name, job in workflow["jobs"].items():
        assert "permissions" in job, f"{path.name}: job {name} states no permissions"


def test_every_push_and_pull_request_runs_make_test_and_main_publishes_after_it():
    workflow = load(WORKFLOWS / "ci.yml")
    assert {"push", "pull_request"} <= set(workflow["on"])
    test, deploy = workflow["jobs"]["test"], workflow["jobs"]["deploy"]
    assert test["permissions"] == {"contents": "read"}
    assert [s["run"] for s in test["steps"] if s.get("run") == "make test"] == ["make test"]
    upload = next(s for s in test["steps"] if "upload-pages-artifact" in s.get("uses", ""))
    assert upload["with"]["path"] == "_build/html"
    on_main = "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    assert upload["if"] == deploy["if"] == on_main
    # steps after a failed `make test` do not run, and deploy needs the test job: a failed
    # build or test publishes nothing
    assert test["steps"].index(upload) > test["steps"].index(
        next(s for s in test["steps"] if s.get("run") == "make test")
    )
    assert deploy["needs"] == "test"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert "deploy-pages" in deploy["steps"][0]["uses"]


def test_the_refresh_runs_monthly_and_acts_on_the_outcome():
    workflow = load(WORKFLOWS / "refresh.yml")
    assert workflow["on"]["schedule"] == [{"cron": "0 0 15,25 * *"}]
    assert "workflow_dispatch" in workflow["on"]
    job = workflow["jobs"]["refresh"]
    refresh = next(s for s in job["steps"] if s.get("id") == "refresh")
    assert "make refresh" in refresh["run"] and "_build/refresh/outcome" in refresh["run"]
    pull = next(s for s in job["steps"] if "create-pull-request" in s.get("uses", ""))
    assert pull["if"] == "steps.refresh.outputs.outcome == 'changed'"
    assert pull["with"]["body-path"] == "_build/refresh/pr-body.md"
    assert set(pull["with"]["add-paths"].split()) == {"data", "chapters", "CITATION.cff"}
    issue = next(s for s in job["steps"] if "gh issue create" in s.get("run", ""))
    assert "steps.refresh.outputs.outcome == 'failed'" in issue["if"]
    assert "_build/refresh/issue-body.md" in issue["run"]
    # no expression is expanded inside a script: values reach it as environment variables
    for step in job["steps"]:
        assert "${{" not in step.get("run", ""), step.get("name")
