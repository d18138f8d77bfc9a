"""ams-sdk: connect an agent to AMS.

```python
import ams_sdk

ams_sdk.init(api_key="ams_...", endpoint="http://ams:8080", version="1.4.0")


@ams_sdk.task
def handle(ticket): ...


@ams_sdk.tool(action="github.merge_pr")
def merge(repo, number): ...
```
"""

from ams_sdk._version import __version__
from ams_sdk.errors import ActionDenied, AgentStopped, AMSError, ApprovalPending
from ams_sdk.instrument import (
    current_trace_id,
    ensure_running,
    record_human_intervention,
    score,
    set_outcome,
    span,
    task,
    tool,
)
from ams_sdk.openai_helper import async_openai_client, openai_client
from ams_sdk.runtime import Runtime, current, flush, init, shutdown


def set_metric(name: str, value: float) -> None:
    """A custom metric sent with every heartbeat from now on (queue depth, cache size...)."""
    runtime = current()
    if runtime is not None:
        runtime.heartbeat.set_metric(name, value)


__all__ = [
    "AMSError",
    "ActionDenied",
    "AgentStopped",
    "ApprovalPending",
    "Runtime",
    "__version__",
    "async_openai_client",
    "current",
    "current_trace_id",
    "ensure_running",
    "flush",
    "init",
    "openai_client",
    "record_human_intervention",
    "score",
    "set_metric",
    "set_outcome",
    "shutdown",
    "span",
    "task",
    "tool",
]
