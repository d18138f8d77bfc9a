"""All of AMS's configuration, read from `AMS_*` environment variables.

Settings are built once (by the CLI or a test) and passed down; nothing else reads the environment.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class ServerSettings(BaseSettings):
    """Where the HTTP server listens."""

    model_config = SettingsConfigDict(env_prefix="AMS_", extra="ignore")

    host: str = Field("127.0.0.1", description="Interface `ams serve` binds to (AMS_HOST).")
    port: int = Field(8080, ge=1, le=65535, description="TCP port `ams serve` listens on (AMS_PORT).")
    public_url: str | None = Field(
        None, description="URL users reach AMS at, printed on start (AMS_PUBLIC_URL); defaults to host:port."
    )
    log_level: str = Field("info", description="Log level: debug, info, warning, error (AMS_LOG_LEVEL).")
    access_log: bool = Field(False, description="Log every HTTP request (AMS_ACCESS_LOG).")

    @property
    def url(self) -> str:
        """Where users reach AMS: links in alert messages point there."""
        return (self.public_url or f"http://{self.host}:{self.port}").rstrip("/")


class DatabaseSettings(BaseSettings):
    """The control database (tenants, users, agents, policies, audit)."""

    model_config = SettingsConfigDict(env_prefix="AMS_DATABASE_", extra="ignore")

    url: str | None = Field(
        None,
        description="SQLAlchemy URL of the control database (AMS_DATABASE_URL), e.g. "
        "postgresql://user@host:5432/ams. Defaults to SQLite at <data dir>/ams.db.",
    )
    pool_size: int = Field(10, ge=1, description="Connections kept per AMS process (AMS_DATABASE_POOL_SIZE).")


class AdminSettings(BaseSettings):
    """The first administrator, created on the first start."""

    model_config = SettingsConfigDict(env_prefix="AMS_ADMIN_", extra="ignore")

    email: str = Field("admin@ams.local", description="First admin's email (AMS_ADMIN_EMAIL).")
    password: SecretStr | None = Field(
        None,
        description="First admin's password (AMS_ADMIN_PASSWORD). When unset a random one is generated "
        "and printed once, on the first start only.",
    )
    organization: str = Field("Default", description="Name of the organization made on first start.")
    project: str = Field("Default", description="Name of the project made on first start.")


class SecuritySettings(BaseSettings):
    """Keys, tokens and the vault."""

    model_config = SettingsConfigDict(env_prefix="AMS_", extra="ignore")

    secret_key: SecretStr | None = Field(
        None,
        description="Base64 of 32 random bytes: the AES-GCM key of the credential vault (AMS_SECRET_KEY). "
        "When unset, one is generated into <data dir>/secret.key with 0600 permissions.",
    )
    session_ttl_hours: float = Field(
        12, gt=0, description="Lifetime of a login token, in hours (AMS_SESSION_TTL_HOURS)."
    )


class TelemetrySettings(BaseSettings):
    """The telemetry store and the ingest path."""

    model_config = SettingsConfigDict(env_prefix="AMS_", extra="ignore")

    clickhouse_url: str | None = Field(
        None,
        description="ClickHouse server for telemetry (AMS_CLICKHOUSE_URL), e.g. http://user:pw@host:8123/ams. "
        "Defaults to the embedded engine in <data dir>/telemetry.",
    )
    retention_days: int = Field(30, ge=1, description="Days raw spans are kept (AMS_RETENTION_DAYS).")
    unknown_agents: Literal["register", "reject"] = Field(
        "register",
        description="Spans naming an agent AMS does not know: register it in state registered, or reject them "
        "(AMS_UNKNOWN_AGENTS).",
    )
    ingest_queue_rows: int = Field(
        200_000, ge=1_000, description="Rows the ingest queue holds before answering 503 (AMS_INGEST_QUEUE_ROWS)."
    )
    ingest_linger_ms: float = Field(
        100, ge=0, le=5_000, description="How long a small batch waits to share an insert (AMS_INGEST_LINGER_MS)."
    )
    max_payload_chars: int = Field(
        16_384, ge=256, description="Span inputs and outputs are truncated past this length (AMS_MAX_PAYLOAD_CHARS)."
    )
    max_request_mb: float = Field(
        20, gt=0, description="Largest ingest request body, after decompression, in MB (AMS_MAX_REQUEST_MB)."
    )


class SharedStateSettings(BaseSettings):
    """Fast state shared by AMS instances: rate-limit and spend counters, broadcasts."""

    model_config = SettingsConfigDict(env_prefix="AMS_", extra="ignore")

    redis_url: str | None = Field(
        None,
        description="Redis for state shared by several AMS instances (AMS_REDIS_URL), e.g. redis://host:6379/0. "
        "Defaults to in-process state, which holds for one instance only.",
    )


class GatewaySettings(BaseSettings):
    """The LLM gateway."""

    model_config = SettingsConfigDict(env_prefix="AMS_GATEWAY_", extra="ignore")

    probe_interval_s: float = Field(
        60, ge=5, description="How often providers are probed for health (AMS_GATEWAY_PROBE_INTERVAL_S)."
    )
    cache_ttl_s: float = Field(
        30,
        gt=0,
        description="Longest time a cached agent, route or provider is used without a change being announced "
        "(AMS_GATEWAY_CACHE_TTL_S); changes made through AMS take effect at once.",
    )
    max_body_mb: float = Field(
        20, gt=0, description="Largest request body the gateway accepts, in MB (AMS_GATEWAY_MAX_BODY_MB)."
    )


class AlertSettings(BaseSettings):
    """Alert evaluation and the email channel."""

    model_config = SettingsConfigDict(env_prefix="AMS_", extra="ignore")

    alerts_interval_s: float = Field(
        15, ge=1, le=3600, description="How often due alert rules are looked for (AMS_ALERTS_INTERVAL_S)."
    )
    smtp_host: str | None = Field(None, description="SMTP server for email channels (AMS_SMTP_HOST); unset: no email.")
    smtp_port: int = Field(587, ge=1, le=65535, description="SMTP port (AMS_SMTP_PORT).")
    smtp_username: str | None = Field(None, description="SMTP login (AMS_SMTP_USERNAME), if the server wants one.")
    smtp_password: SecretStr | None = Field(None, description="SMTP password (AMS_SMTP_PASSWORD).")
    smtp_from: str = Field("ams@localhost", description="Sender address of alert emails (AMS_SMTP_FROM).")
    smtp_starttls: bool = Field(True, description="Upgrade the SMTP connection with STARTTLS (AMS_SMTP_STARTTLS).")


class HealthSettings(BaseSettings):
    """How agents' health is observed."""

    model_config = SettingsConfigDict(env_prefix="AMS_", extra="ignore")

    heartbeat_timeout_s: float = Field(
        90, ge=5, description="Silence after which an agent that sends heartbeats is offline (AMS_HEARTBEAT_TIMEOUT_S)."
    )
    health_interval_s: float = Field(
        15, ge=1, le=3600, description="How often health is judged (AMS_HEALTH_INTERVAL_S)."
    )
    probe_interval_s: float = Field(
        60, ge=5, description="How often agents behind an HTTP endpoint are probed (AMS_PROBE_INTERVAL_S)."
    )
    probe_timeout_s: float = Field(
        5, gt=0, le=60, description="How long a probe of an agent's endpoint waits for it (AMS_PROBE_TIMEOUT_S)."
    )
    health_degraded_tsr: float = Field(
        0.9, ge=0, le=1, description="Success rate (15 min, 5+ tasks) under which an agent is degraded."
    )
    health_unhealthy_tsr: float = Field(
        0.7, ge=0, le=1, description="Success rate (15 min, 5+ tasks) under which an agent is unhealthy."
    )
    health_degraded_p95_ms: float = Field(
        30_000,
        ge=0,
        description="p95 task time in ms (15 min, 5+ tasks) over which an agent is degraded; 0 turns the check "
        "off (AMS_HEALTH_DEGRADED_P95_MS). The default matches the built-in 'Slow tasks' alert rule.",
    )


class SurveillanceSettings(BaseSettings):
    """Baselines, anomaly detection, threat rules and the security score."""

    model_config = SettingsConfigDict(env_prefix="AMS_", extra="ignore")

    surveillance_interval_s: float = Field(
        60, ge=1, le=3600, description="How often agents are checked for threats (AMS_SURVEILLANCE_INTERVAL_S)."
    )
    baseline_hours: float = Field(
        24, gt=0, le=24 * 30, description="Period a baseline is learnt over (AMS_BASELINE_HOURS)."
    )
    auto_quarantine: bool = Field(
        True, description="Quarantine an agent whose security score falls under the threshold (AMS_AUTO_QUARANTINE)."
    )
    quarantine_score: float = Field(
        20, ge=0, le=100, description="Security score under which an agent is quarantined (AMS_QUARANTINE_SCORE)."
    )
    correlated_agents: int = Field(
        3, ge=2, description="Agents anomalous at once that raise one emergency alert (AMS_CORRELATED_AGENTS)."
    )
    release_score: float = Field(
        50,
        ge=0,
        le=100,
        description="Security score a quarantined agent starts again from when a person resumes it; only findings "
        "after the release count against it then (AMS_RELEASE_SCORE). Must be above the quarantine score.",
    )

    @model_validator(mode="after")
    def _release_above_quarantine(self) -> SurveillanceSettings:
        # At or under the threshold, the next round would quarantine the released agent again at once.
        if self.release_score <= self.quarantine_score:
            raise ValueError(
                f"release_score ({self.release_score:g}) must be above quarantine_score ({self.quarantine_score:g})"
            )
        return self


class Settings(BaseSettings):
    """Everything AMS can be told. Groups read their own `AMS_*` variables."""

    model_config = SettingsConfigDict(env_prefix="AMS_", extra="ignore")

    data_dir: Path = Field(
        Path("ams-data"), description="Folder for the embedded stores and the generated key (AMS_DATA_DIR)."
    )
    server: ServerSettings = Field(default_factory=ServerSettings)
    database: DatabaseSettings = Field(default_factory=DatabaseSettings)
    admin: AdminSettings = Field(default_factory=AdminSettings)
    security: SecuritySettings = Field(default_factory=SecuritySettings)
    telemetry: TelemetrySettings = Field(default_factory=TelemetrySettings)
    shared_state: SharedStateSettings = Field(default_factory=SharedStateSettings)
    gateway: GatewaySettings = Field(default_factory=GatewaySettings)
    alerts: AlertSettings = Field(default_factory=AlertSettings)
    health: HealthSettings = Field(default_factory=HealthSettings)
    surveillance: SurveillanceSettings = Field(default_factory=SurveillanceSettings)

    @property
    def database_url(self) -> str:
        return self.database.url or f"sqlite:///{(self.data_dir / 'ams.db').resolve()}"
