-- Memory as a share of what the agent may use: resource-abuse rules watch it (seed 004: over 95% for 10 minutes).
ALTER TABLE heartbeats ADD COLUMN IF NOT EXISTS memory_percent Float64 AFTER memory_mb;
