"""What each simulated agent does, task after task: real `ams_sdk` tasks, tools, guard checks and LLM calls through
the gateway; only the work inside the tools is make-believe (a short sleep and a plausible answer)."""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from typing import Any

import ams_sdk
from ams.demo.fleet import DemoAgent
from ams_sdk.config import Config
from ams_sdk.runtime import Runtime

logger = logging.getLogger("ams.demo")
STOPPED_PAUSE_S = 5.0  # how long a stopped or paused agent waits before trying again

FAILURE_RATE = {"steady": 0.03, "canary-stable": 0.03, "canary": 0.25}
TOPICS = ("refund for order 1042", "password reset", "invoice INV-2231", "PR #88 in acme/api", "lead from ACME Corp",
          "price of SKU-77", "outage in eu-west", "quarterly report", "shipping delay", "duplicate charge")  # fmt: skip


class Work:
    """One agent's task, built from its behaviour, calling the gateway with the agent's own key."""

    def __init__(self, spec: DemoAgent, version: str, rng: random.Random) -> None:
        self.spec, self.version, self.rng = spec, version, rng
        self.client = ams_sdk.openai_client(max_retries=0, timeout=20)
        self.tools = {name: self._tool(name) for name in spec.tools}
        kind = spec.behaviour
        if kind == "canary":
            kind = "canary" if version == spec.canary_version else "canary-stable"
        self.kind = kind
        self.task: Callable[[str], Any] = ams_sdk.task(name=f"{spec.name}.handle")(self._handle)

    def _tool(self, action: str, **options: Any) -> Callable[..., str]:
        def run(subject: str) -> str:
            time.sleep(self.rng.uniform(0.02, 0.15))
            if self.kind == "flaky" and self.rng.random() < 0.35:
                raise TimeoutError(f"{action}: upstream did not answer in 10 s")
            return f"{action} done for {subject}"

        run.__name__ = action.replace(".", "_")
        return ams_sdk.tool(action=action, **options)(run)  # type: ignore[no-any-return]

    def ask(self, prompt: str, model: str | None = None) -> str:
        answer = self.client.chat.completions.create(
            model=model or self.spec.model, messages=[{"role": "user", "content": prompt}], max_tokens=300
        )
        return str(answer.choices[0].message.content or "")

    def _handle(self, subject: str) -> str:
        handler = getattr(self, f"_{self.kind.replace('-', '_')}", self._steady)
        return str(handler(subject))

    def _steady(self, subject: str) -> str:
        with ams_sdk.span("plan", kind="chain", subject=subject):
            self.ask(f"Plan how to handle: {subject}")
        for tool in self.tools.values():
            tool(subject)
        answer = self.ask(f"Write the answer for: {subject}")
        if self.rng.random() < FAILURE_RATE.get(self.kind, 0.03):
            raise ValueError("the answer failed validation: a required field is missing")
        if self.rng.random() < 0.3:
            ams_sdk.score("user_rating", self.rng.choice((0.4, 0.8, 1.0, 1.0)))
        return answer

    def _canary_stable(self, subject: str) -> str:
        return self._steady(subject)

    def _canary(self, subject: str) -> str:
        time.sleep(self.rng.uniform(0.2, 0.6))  # the new version's extra retrieval step: slower
        return self._steady(subject)

    def _flaky(self, subject: str) -> str:
        return self._steady(subject)

    def _costly_loop(self, subject: str) -> str:
        draft = ""
        for attempt in range(6):
            draft = self.ask(f"Refine the research on {subject}, attempt {attempt + 1}: {draft[:200]}")
            self.tools["web.search"](subject)
        return draft

    def _approval(self, subject: str) -> str:
        self.ask(f"Decide whether to refund: {subject}")
        refund = ams_sdk.tool(action="payments.refund", approval_timeout_s=8.0)(self._refund)
        try:
            return str(refund(subject, round(self.rng.uniform(5, 250), 2)))
        except ams_sdk.ApprovalPending:
            ams_sdk.set_outcome("escalated")  # nobody answered in time: a human takes the ticket
            return "escalated to the payments team"
        except ams_sdk.ActionDenied:
            ams_sdk.set_outcome("failure")
            return "refund refused by a human"

    def _refund(self, subject: str, amount: float) -> str:
        time.sleep(self.rng.uniform(0.05, 0.2))
        return f"refunded {amount} USD for {subject}"

    def _denied_action(self, subject: str) -> str:
        self.ask(f"Choose an operation for: {subject}")
        if self.rng.random() < 0.25:
            delete = ams_sdk.tool(action="infra.delete_cluster")(self._delete_cluster)
            try:
                delete("eu-west-2")
            except ams_sdk.ActionDenied as denied:
                logger.debug("%s: %s", self.spec.name, denied)
                ams_sdk.set_outcome("escalated")
                return "asked a human to decide on the cluster"
        return self.tools["infra.scale_service"](subject)

    def _delete_cluster(self, cluster: str) -> str:
        raise AssertionError("the guard refuses this action before it runs")


class SimulatedAgent(threading.Thread):
    """One agent process's life, as a thread: its own SDK runtime, tasks at a steady pace until told to stop."""

    def __init__(self, spec: DemoAgent, key: str, endpoint: str, version: str, stop: threading.Event, seed: int):
        super().__init__(name=f"demo-{spec.name}-{version}", daemon=True)
        self.spec, self.key, self.endpoint, self.version, self.stop = spec, key, endpoint, version, stop
        self.rng = random.Random(seed)
        self.tasks_done = 0

    def run(self) -> None:
        config = Config.resolve(api_key=self.key, endpoint=self.endpoint, version=self.version,
                                heartbeat_interval_s=5.0, kill_switch=True)  # fmt: skip
        config.resource_attributes = {"ams.demo.team": self.spec.team, "ams.demo.behaviour": self.spec.behaviour}
        runtime = Runtime(config, set_global_tracer_provider=False)
        runtime.start()
        try:
            with runtime.activate():
                work = Work(self.spec, self.version, self.rng)
                # Spread the first tasks so the fleet does not start in lockstep.
                pause = self.rng.uniform(0.1, 1.0)
                while not self.stop.wait(pause):
                    pause = self._one(work)
        finally:
            runtime.shutdown(timeout_s=2.0)

    def _one(self, work: Work) -> float:
        runtime = ams_sdk.current()
        if runtime is not None:
            runtime.heartbeat.set_metric("queue_depth", self.rng.randint(0, 40))
        try:
            work.task(self.rng.choice(TOPICS))
        except ams_sdk.AgentStopped:
            return STOPPED_PAUSE_S
        except Exception as exc:  # a failed task is recorded as such; the agent carries on
            logger.debug("%s: task failed: %s", self.spec.name, exc)
        self.tasks_done += 1
        return self.rng.uniform(0.5, 1.5) * self.spec.every_s
