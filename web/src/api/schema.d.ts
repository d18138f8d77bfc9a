// Generated from AMS's OpenAPI document by `npm run gen:api` (web/scripts/gen-api.mjs). Do not edit.

export interface paths {
    "/api/v1/agent-platforms": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Platforms
         * @description Each platform with the JSON Schema its agents' configuration must satisfy.
         */
        get: operations["list_platforms_api_v1_agent_platforms_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agent-templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Templates
         * @description The bundled agent templates.
         */
        get: operations["list_templates_api_v1_agent_templates_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Agents
         * @description List agents you can see, filtered, sorted and paginated.
         */
        get: operations["list_agents_api_v1_agents_get"];
        put?: never;
        /**
         * Create Agent
         * @description Register an agent (state `registered`); its configuration is checked against its platform's schema.
         */
        post: operations["create_agent_api_v1_agents_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agents/{agent}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read Agent
         * @description One agent.
         */
        get: operations["read_agent_api_v1_agents__agent__get"];
        put?: never;
        post?: never;
        /**
         * Delete Agent
         * @description Delete an agent that is not active, with its versions, keys and credentials.
         */
        delete: operations["delete_agent_api_v1_agents__agent__delete"];
        options?: never;
        head?: never;
        /**
         * Update Agent
         * @description Change an agent's description, configuration, labels, limits or owner (Agent Owner of it, or Admin).
         */
        patch: operations["update_agent_api_v1_agents__agent__patch"];
        trace?: never;
    };
    "/api/v1/agents/{agent}/clone": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Clone Agent
         * @description Copy an agent's definition under a new name (credentials and versions stay with the original).
         */
        post: operations["clone_agent_api_v1_agents__agent__clone_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agents/{agent}/credentials": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Credentials
         * @description An agent's credentials: names, types and dates; never the secrets.
         */
        get: operations["list_credentials_api_v1_agents__agent__credentials_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agents/{agent}/credentials/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Put Credential
         * @description Store (or replace) a named secret, encrypted at rest; it is never returned.
         */
        put: operations["put_credential_api_v1_agents__agent__credentials__name__put"];
        post?: never;
        /**
         * Delete Credential
         * @description Delete a named secret.
         */
        delete: operations["delete_credential_api_v1_agents__agent__credentials__name__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agents/{agent}/deploy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Deploy an agent
         * @description Put an agent in service (active), optionally at a given version. Refused with 409, naming the current state and the allowed moves, when the state machine does not allow it.
         */
        post: operations["deploy_agent_api_v1_agents__agent__deploy_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agents/{agent}/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read Health
         * @description An agent's health and activity, the checks behind them (heartbeat, probe, success rate) judged now, and its
         *     history of health changes, newest first.
         */
        get: operations["read_health_api_v1_agents__agent__health_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agents/{agent}/kpis": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Agent Kpis
         * @description An agent's KPIs over a window, overall and per version.
         */
        get: operations["agent_kpis_api_v1_agents__agent__kpis_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agents/{agent}/maintenance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Maintenance an agent
         * @description Take an active agent out of service for maintenance. Refused with 409, naming the current state and the allowed moves, when the state machine does not allow it.
         */
        post: operations["maintenance_agent_api_v1_agents__agent__maintenance_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agents/{agent}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pause an agent
         * @description Stop an active agent from taking work; resume brings it back. Refused with 409, naming the current state and the allowed moves, when the state machine does not allow it.
         */
        post: operations["pause_agent_api_v1_agents__agent__pause_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agents/{agent}/provision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Provision an agent
         * @description Start provisioning a registered agent. Refused with 409, naming the current state and the allowed moves, when the state machine does not allow it.
         */
        post: operations["provision_agent_api_v1_agents__agent__provision_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agents/{agent}/quarantine": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Quarantine an agent
         * @description Isolate an agent: it is refused everything until reviewed. Refused with 409, naming the current state and the allowed moves, when the state machine does not allow it.
         */
        post: operations["quarantine_agent_api_v1_agents__agent__quarantine_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agents/{agent}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resume an agent
         * @description Return a paused, maintained or reviewed quarantined agent to active. Refused with 409, naming the current state and the allowed moves, when the state machine does not allow it.
         */
        post: operations["resume_agent_api_v1_agents__agent__resume_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agents/{agent}/retire": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Retire an agent
         * @description Decommission an agent for good; its keys are revoked. Refused with 409, naming the current state and the allowed moves, when the state machine does not allow it.
         */
        post: operations["retire_agent_api_v1_agents__agent__retire_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agents/{agent}/security": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read Security
         * @description An agent's security score (100 is clean), the findings that lowered it, newest first, and its baseline.
         */
        get: operations["read_security_api_v1_agents__agent__security_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agents/{agent}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read Status
         * @description An agent's lifecycle state, health, activity and any emergency stop covering it: the light read agents
         *     (the SDK's kill switch) and dashboards poll.
         */
        get: operations["read_status_api_v1_agents__agent__status_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agents/{agent}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Versions
         * @description An agent's versions, newest first.
         */
        get: operations["list_versions_api_v1_agents__agent__versions_get"];
        put?: never;
        /**
         * Create Version
         * @description Snapshot a new immutable version; a version number is never reused.
         */
        post: operations["create_version_api_v1_agents__agent__versions_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agents/{agent}/versions/{version}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read Version
         * @description One version, by id or number.
         */
        get: operations["read_version_api_v1_agents__agent__versions__version__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agents/bulk": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Bulk
         * @description Apply one operation to many agents; the answer has a result for each id.
         */
        post: operations["bulk_api_v1_agents_bulk_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agents/from-template": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create From Template
         * @description Register an agent from a bundled template, with your configuration merged over the template's.
         */
        post: operations["create_from_template_api_v1_agents_from_template_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/alert-channels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Channels
         * @description Alert channels; their URLs and secrets are never shown.
         */
        get: operations["list_channels_api_v1_alert_channels_get"];
        put?: never;
        /**
         * Create Channel
         * @description Add a webhook, Slack or email channel (Admin); a generated webhook signing secret is shown this once.
         */
        post: operations["create_channel_api_v1_alert_channels_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/alert-channels/{channel_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read Channel
         * @description One alert channel.
         */
        get: operations["read_channel_api_v1_alert_channels__channel_id__get"];
        /**
         * Update Channel
         * @description Change a channel's name, URL, recipients or filters (Admin).
         */
        put: operations["update_channel_api_v1_alert_channels__channel_id__put"];
        post?: never;
        /**
         * Delete Channel
         * @description Delete a channel and its delivery log (Admin).
         */
        delete: operations["delete_channel_api_v1_alert_channels__channel_id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/alert-channels/{channel_id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Deliveries
         * @description What was sent to a channel, newest first, with attempts and the last answer.
         */
        get: operations["list_deliveries_api_v1_alert_channels__channel_id__deliveries_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/alert-channels/{channel_id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Test Channel
         * @description Send a test message now and say what the other end answered (Admin).
         */
        post: operations["test_channel_api_v1_alert_channels__channel_id__test_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/alert-metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Metrics
         * @description What alert rules can watch; custom heartbeat metrics are `heartbeat.<name>`.
         */
        get: operations["list_metrics_api_v1_alert_metrics_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/alert-rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Rules
         * @description Alert rules, the built-in ones included; sort by name, created_at or severity.
         */
        get: operations["list_rules_api_v1_alert_rules_get"];
        put?: never;
        /**
         * Create Rule
         * @description Create an alert rule (Admin).
         */
        post: operations["create_rule_api_v1_alert_rules_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/alert-rules/{rule_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read Rule
         * @description One alert rule.
         */
        get: operations["read_rule_api_v1_alert_rules__rule_id__get"];
        /**
         * Update Rule
         * @description Change a rule; built-in rules can be tuned (threshold, window, severity…) or disabled (Admin). Disabling a
         *     rule resolves its open alerts.
         */
        put: operations["update_rule_api_v1_alert_rules__rule_id__put"];
        post?: never;
        /**
         * Delete Rule
         * @description Delete a rule of your own, resolving its open alerts; built-in rules are disabled instead (Admin).
         */
        delete: operations["delete_rule_api_v1_alert_rules__rule_id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/alert-rules/evaluate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Evaluate Now
         * @description Judge every enabled rule of the organization now rather than at its next interval (Admin).
         */
        post: operations["evaluate_now_api_v1_alert_rules_evaluate_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/alerts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Alerts
         * @description Alerts, newest firing first; filter by status, severity, category, agent, rule and time.
         */
        get: operations["list_alerts_api_v1_alerts_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/alerts/{alert_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read Alert
         * @description One alert with its evidence.
         */
        get: operations["read_alert_api_v1_alerts__alert_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/alerts/{alert_id}/acknowledge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Acknowledge Alert
         * @description Say someone is on it: a firing alert becomes acknowledged (Operator, Agent Owner, Admin).
         */
        post: operations["acknowledge_alert_api_v1_alerts__alert_id__acknowledge_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/alerts/{alert_id}/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resolve Alert
         * @description Close an alert (Operator, Agent Owner, Admin); if its condition still holds it fires anew after cooldown.
         */
        post: operations["resolve_alert_api_v1_alerts__alert_id__resolve_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/analytics/fleet": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Fleet
         * @description Every agent's KPIs in one answer: the fleet heatmap's data.
         */
        get: operations["fleet_api_v1_analytics_fleet_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/analytics/providers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Providers
         * @description Per provider and model: calls, error rate, latency percentiles, tokens, cost, cost per 1k tokens.
         */
        get: operations["providers_api_v1_analytics_providers_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/analytics/timeseries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Timeseries
         * @description Any KPI bucketed by minute, hour or day, overall or per agent, project, version, model or provider.
         */
        get: operations["timeseries_api_v1_analytics_timeseries_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/analytics/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Usage
         * @description Tokens and cost by project, agent, model and day; `format=csv` downloads it.
         */
        get: operations["usage_api_v1_analytics_usage_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Api Keys
         * @description API keys you can see, newest first, by prefix (the secret is never shown again).
         */
        get: operations["list_api_keys_api_v1_api_keys_get"];
        put?: never;
        /**
         * Create Api Key
         * @description Make a project key ({project_id, role}) or an agent key ({agent_id}); the key is in this answer only.
         */
        post: operations["create_api_key_api_v1_api_keys_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys/{key_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke Api Key
         * @description Revoke a key: it stops working at once.
         */
        delete: operations["revoke_api_key_api_v1_api_keys__key_id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys/{key_id}/gateway-limits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read Key Limits
         * @description An API key's gateway limits.
         */
        get: operations["read_key_limits_api_v1_api_keys__key_id__gateway_limits_get"];
        /**
         * Put Key Limits
         * @description Set an API key's gateway limits (Admin).
         */
        put: operations["put_key_limits_api_v1_api_keys__key_id__gateway_limits_put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/approvals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Approvals
         * @description Actions waiting for (or answered by) a human, newest first.
         */
        get: operations["list_approvals_api_v1_approvals_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/approvals/{approval_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read Approval
         * @description One approval; with `?wait=`, answered as soon as someone decides (the SDK waits this way).
         */
        get: operations["read_approval_api_v1_approvals__approval_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/approvals/{approval_id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve
         * @description Let the action run (Operator, the agent's Owner, or Admin).
         */
        post: operations["approve_api_v1_approvals__approval_id__approve_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/approvals/{approval_id}/deny": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Deny
         * @description Refuse the action (Operator, the agent's Owner, or Admin).
         */
        post: operations["deny_api_v1_approvals__approval_id__deny_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/attention": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read Attention
         * @description What needs someone now: open alerts, quarantined and offline agents, spend caps reached or past their soft
         *     limit, most urgent first, each with why.
         */
        get: operations["read_attention_api_v1_attention_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Audit
         * @description Audit entries you can see, newest first, filtered by actor, resource, action and time.
         */
        get: operations["list_audit_api_v1_audit_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Verify Audit
         * @description Recompute the hash chain of each organization you can see; name the first broken link.
         */
        get: operations["verify_audit_api_v1_audit_verify_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/accept-invitation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accept Invitation
         * @description Set a password with an invitation token; then log in as usual.
         */
        post: operations["accept_invitation_api_v1_auth_accept_invitation_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Login
         * @description Exchange an email and password for a bearer token.
         */
        post: operations["login_api_v1_auth_login_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Logout
         * @description End this login token's session.
         */
        post: operations["logout_api_v1_auth_logout_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Me
         * @description Who the bearer is: a user with their memberships, or an API key with its scope.
         */
        get: operations["me_api_v1_auth_me_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/emergency-stop": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Stops
         * @description The stops in force (or, with `active=false`, the history too), newest first.
         */
        get: operations["list_stops_api_v1_emergency_stop_get"];
        put?: never;
        /**
         * Engage Stop
         * @description Stop the fleet, a project, an agent or a tag now: every gateway call and guard check in scope is refused,
         *     on every instance, until released (Operator or Admin).
         */
        post: operations["engage_stop_api_v1_emergency_stop_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/emergency-stop/release": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Release Stop
         * @description Release a stop (by id), or every stop of a scope (Operator or Admin).
         */
        post: operations["release_stop_api_v1_emergency_stop_release_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/guard/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ask before an action
         * @description Allow, deny or require approval for an action the agent is about to take, with the reasons.
         */
        post: operations["guard_check_api_v1_guard_check_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/ingest": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Native batch ingest
         * @description Take the SDK's batch of spans, span events and heartbeats; bad items are rejected by name, the rest kept.
         */
        post: operations["ingest_api_v1_ingest_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organizations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Organizations
         * @description The organizations you belong to, with your role in each.
         */
        get: operations["list_organizations_api_v1_organizations_get"];
        put?: never;
        /**
         * Create Organization
         * @description Create an organization (the installation's administrator only); you become its admin.
         */
        post: operations["create_organization_api_v1_organizations_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organizations/{organization_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read Organization
         * @description One organization.
         */
        get: operations["read_organization_api_v1_organizations__organization_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Update Organization
         * @description Rename an organization (Admin).
         */
        patch: operations["update_organization_api_v1_organizations__organization_id__patch"];
        trace?: never;
    };
    "/api/v1/policies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Policies
         * @description Policies you can see.
         */
        get: operations["list_policies_api_v1_policies_get"];
        put?: never;
        /**
         * Create Policy
         * @description Create a policy: a scope and rules (spend caps, tool allow/deny lists, model allow-lists, rate limits,
         *     approval gates, payload limits). Admin.
         */
        post: operations["create_policy_api_v1_policies_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/policies/{policy_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read Policy
         * @description One policy as it stands.
         */
        get: operations["read_policy_api_v1_policies__policy_id__get"];
        /**
         * Update Policy
         * @description Change a policy; each change is a new version (Admin).
         */
        put: operations["update_policy_api_v1_policies__policy_id__put"];
        post?: never;
        /**
         * Delete Policy
         * @description Delete a policy (Admin); its versions go with it, its audit entries stay.
         */
        delete: operations["delete_policy_api_v1_policies__policy_id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/policies/{policy_id}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Versions
         * @description Every version of a policy, newest first.
         */
        get: operations["list_versions_api_v1_policies__policy_id__versions_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/policies/simulate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Simulate Policy
         * @description What a draft policy would have decided over the last `days` of recorded traffic: counts by decision and
         *     by rule, and the latest refusals with their reasons. Nothing is saved.
         */
        post: operations["simulate_policy_api_v1_policies_simulate_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/pricing": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read Pricing
         * @description The bundled prices and your organization's overrides; `?model=` shows the price that applies to a model.
         */
        get: operations["read_pricing_api_v1_pricing_get"];
        /**
         * Replace Pricing
         * @description Replace your organization's overrides and custom models (Admin); exact names or regular expressions.
         */
        put: operations["replace_pricing_api_v1_pricing_put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Projects
         * @description Projects you can see, optionally of one organization.
         */
        get: operations["list_projects_api_v1_projects_get"];
        put?: never;
        /**
         * Create Project
         * @description Create a project in an organization (Admin).
         */
        post: operations["create_project_api_v1_projects_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{project_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read Project
         * @description One project.
         */
        get: operations["read_project_api_v1_projects__project_id__get"];
        put?: never;
        post?: never;
        /**
         * Delete Project
         * @description Delete an empty project (Admin); one that still holds agents is refused.
         */
        delete: operations["delete_project_api_v1_projects__project_id__delete"];
        options?: never;
        head?: never;
        /**
         * Update Project
         * @description Rename or describe a project (Admin).
         */
        patch: operations["update_project_api_v1_projects__project_id__patch"];
        trace?: never;
    };
    "/api/v1/projects/{project_id}/gateway-limits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read Project Limits
         * @description A project's gateway limits: requests/min, tokens/min, concurrent requests over all its agents.
         */
        get: operations["read_project_limits_api_v1_projects__project_id__gateway_limits_get"];
        /**
         * Put Project Limits
         * @description Set a project's gateway limits (Admin).
         */
        put: operations["put_project_limits_api_v1_projects__project_id__gateway_limits_put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/providers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Providers
         * @description Providers of your organizations, by name. Keys are never shown: `has_api_key` says whether one is set.
         */
        get: operations["list_providers_api_v1_providers_get"];
        put?: never;
        /**
         * Create Provider
         * @description Register an LLM provider: kind, base URL, key (sealed in the vault), models and limits (Admin).
         */
        post: operations["create_provider_api_v1_providers_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/providers/{provider_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read Provider
         * @description One provider.
         */
        get: operations["read_provider_api_v1_providers__provider_id__get"];
        put?: never;
        post?: never;
        /**
         * Delete Provider
         * @description Remove a provider and its sealed key; refused while a route still uses it (Admin).
         */
        delete: operations["delete_provider_api_v1_providers__provider_id__delete"];
        options?: never;
        head?: never;
        /**
         * Update Provider
         * @description Change a provider's URL, key, models, options or whether it serves (Admin).
         */
        patch: operations["update_provider_api_v1_providers__provider_id__patch"];
        trace?: never;
    };
    "/api/v1/providers/{provider_id}/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Provider Health
         * @description Health from the last active probe and from recent calls through this instance, with breaker states.
         */
        get: operations["provider_health_api_v1_providers__provider_id__health_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/providers/{provider_id}/limits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Put Provider Limits
         * @description Set a provider's requests/min, tokens/min, concurrency and monthly budget (Admin).
         */
        put: operations["put_provider_limits_api_v1_providers__provider_id__limits_put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/providers/capabilities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Capabilities
         * @description The capability matrix: every provider model with its context window, capabilities and prices.
         */
        get: operations["capabilities_api_v1_providers_capabilities_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/providers/compare": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Compare Providers
         * @description Per provider and model, from real traffic: calls, error rate, latency, time to first token, cost per 1k.
         */
        get: operations["compare_providers_api_v1_providers_compare_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/providers/cost-analysis": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Cost Analysis
         * @description Cost by provider, model, agent and day, with a month-end forecast (month to date + daily run-rate).
         */
        get: operations["cost_analysis_api_v1_providers_cost_analysis_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/providers/test-failover": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Test Failover
         * @description Which target would serve a route if the given targets failed, and why each other would not.
         */
        post: operations["test_failover_api_v1_providers_test_failover_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/routes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Routes
         * @description Model routes, by alias.
         */
        get: operations["list_routes_api_v1_routes_get"];
        put?: never;
        /**
         * Create Route
         * @description Route a model alias to targets with a strategy, retries, timeout, breaker and context fallback (Admin).
         */
        post: operations["create_route_api_v1_routes_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/routes/{route_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read Route
         * @description One model route.
         */
        get: operations["read_route_api_v1_routes__route_id__get"];
        put?: never;
        post?: never;
        /**
         * Delete Route
         * @description Remove a model route (Admin).
         */
        delete: operations["delete_route_api_v1_routes__route_id__delete"];
        options?: never;
        head?: never;
        /**
         * Update Route
         * @description Change a route's strategy, targets or policy (Admin).
         */
        patch: operations["update_route_api_v1_routes__route_id__patch"];
        trace?: never;
    };
    "/api/v1/sessions/{session_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read Session
         * @description The traces of one conversation, in order.
         */
        get: operations["read_session_api_v1_sessions__session_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Stream
         * @description Server-sent events as they happen, optionally for one agent or project: traces and task outcomes as they
         *     land, alert changes, approvals asked and answered, agents' state changes and emergency stops.
         */
        get: operations["stream_api_v1_stream_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/system/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * System Health
         * @description Whether AMS and its stores answer (503 when one does not: the control database, the telemetry store, or
         *     Redis when configured), the ingest queue, the daemons, the alert deliveries pending and the emergency stops in
         *     force. Needs no login, for load balancers and probes, and then shows no tenant's data; with a login, the stops
         *     of the caller's organizations are listed.
         */
        get: operations["system_health_api_v1_system_health_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/traces": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search Traces
         * @description Traces (one per task), newest first, with their totals.
         */
        get: operations["search_traces_api_v1_traces_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/traces/{trace_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read Trace
         * @description One trace: its span tree with timings, tokens, cost, inputs and outputs, and its events.
         */
        get: operations["read_trace_api_v1_traces__trace_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Users
         * @description Members of an organization (your only one by default) with their roles.
         */
        get: operations["list_users_api_v1_users_get"];
        put?: never;
        /**
         * Create User
         * @description Add a user to an organization with a role (Admin): with a password, or invited with a one-time token.
         */
        post: operations["create_user_api_v1_users_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove User
         * @description Remove a member from an organization (Admin).
         */
        delete: operations["remove_user_api_v1_users__user_id__delete"];
        options?: never;
        head?: never;
        /**
         * Update User Role
         * @description Change a member's role in an organization (Admin).
         */
        patch: operations["update_user_role_api_v1_users__user_id__patch"];
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Metrics
         * @description Prometheus metrics: ingest counters, queue depth, and per-agent task, error, token and cost counters of the
         *     organizations you can see.
         */
        get: operations["metrics_metrics_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/chat/completions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Chat completion through the gateway
         * @description Route an OpenAI chat completion (streamed or not; tools pass through) to a provider, metered as a span.
         */
        post: operations["chat_completions_v1_chat_completions_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/embeddings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Embeddings through the gateway
         * @description Route an OpenAI embeddings request through the same routing, limits and metering.
         */
        post: operations["embeddings_v1_embeddings_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Models this key may use
         * @description The route aliases and `provider/model` names this key's organization serves.
         */
        get: operations["models_v1_models_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/traces": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * OTLP/HTTP trace export
         * @description Take an OpenTelemetry trace export (protobuf or JSON, gzip or plain); answer once the spans are durable.
         */
        post: operations["otlp_traces_v1_traces_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * Activity
         * @enum {string}
         */
        Activity: "idle" | "busy";
        /** AgentClone */
        AgentClone: {
            /** Name */
            name: string;
            /**
             * Project Id
             * @description Defaults to the source agent's project.
             */
            project_id?: string | null;
        };
        /** AgentCreate */
        AgentCreate: {
            /** Capabilities */
            capabilities?: string[];
            /** Configuration */
            configuration?: {
                [key: string]: unknown;
            };
            /**
             * Description
             * @default
             */
            description?: string;
            limits?: components["schemas"]["AgentLimits"];
            /** Name */
            name: string;
            /**
             * Owner Id
             * @description A user of the organization; defaults to you.
             */
            owner_id?: string | null;
            platform: components["schemas"]["Platform"];
            /**
             * Project Id
             * @description Defaults to your only project (or your key's).
             */
            project_id?: string | null;
            /** Tags */
            tags?: string[];
        };
        /** AgentFromTemplate */
        AgentFromTemplate: {
            /**
             * Configuration
             * @description Merged over the template's.
             */
            configuration?: {
                [key: string]: unknown;
            };
            /** Description */
            description?: string | null;
            /** Name */
            name: string;
            /** Project Id */
            project_id?: string | null;
            /** Tags */
            tags?: string[] | null;
            /** Template Id */
            template_id: string;
        };
        /**
         * AgentHealthReport
         * @description An agent's health as last recorded, the checks judged just now, and its history of changes.
         */
        AgentHealthReport: {
            activity: components["schemas"]["Activity"];
            /** Agent Id */
            agent_id: string;
            /** Checks */
            checks: {
                [key: string]: unknown;
            };
            health: components["schemas"]["Health"];
            /** History */
            history: components["schemas"]["HealthEventPublic"][];
            /** @description What the checks below say at this moment. */
            judged_now: components["schemas"]["Health"];
            /** Last Seen At */
            last_seen_at: string | null;
            /** Next Cursor */
            next_cursor?: string | null;
            /** Reason */
            reason: string;
        };
        /** AgentKpis */
        AgentKpis: {
            /** Agent Id */
            agent_id: string;
            /** By Version */
            by_version: components["schemas"]["VersionKpis"][];
            kpis: components["schemas"]["Kpis"];
            window: components["schemas"]["WindowPublic"];
        };
        /**
         * AgentLimits
         * @description Per-agent ceilings. Enforced by the gateway and governance; stored here.
         */
        AgentLimits: {
            /** Max Concurrent Tasks */
            max_concurrent_tasks?: number | null;
            /** Max Cost Per Day Usd */
            max_cost_per_day_usd?: number | null;
            /** Max Requests Per Minute */
            max_requests_per_minute?: number | null;
            /** Max Tokens Per Minute */
            max_tokens_per_minute?: number | null;
            /** Task Timeout S */
            task_timeout_s?: number | null;
        };
        /** AgentPublic */
        AgentPublic: {
            activity: components["schemas"]["Activity"];
            /** Allowed Actions */
            allowed_actions: components["schemas"]["LifecycleAction"][];
            /** Capabilities */
            capabilities: string[];
            /** Configuration */
            configuration: {
                [key: string]: unknown;
            };
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Current Version */
            current_version: string | null;
            /** Current Version Id */
            current_version_id: string | null;
            /** Description */
            description: string;
            health: components["schemas"]["Health"];
            /** Id */
            id: string;
            /** Last Seen At */
            last_seen_at: string | null;
            lifecycle_state: components["schemas"]["LifecycleState"];
            /** Limits */
            limits: {
                [key: string]: unknown;
            };
            /** Name */
            name: string;
            /** Organization Id */
            organization_id: string;
            /** Owner Id */
            owner_id: string | null;
            platform: components["schemas"]["Platform"];
            /** Project Id */
            project_id: string;
            /**
             * State Changed At
             * Format: date-time
             */
            state_changed_at: string;
            /** State Reason */
            state_reason: string;
            /** Tags */
            tags: string[];
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
        };
        /** AgentSecurityReport */
        AgentSecurityReport: {
            /** Agent Id */
            agent_id: string;
            /** Auto Quarantine */
            auto_quarantine: boolean;
            baseline: components["schemas"]["BaselinePublic"] | null;
            /** Findings */
            findings: components["schemas"]["FindingPublic"][];
            /** Last Finding At */
            last_finding_at: string | null;
            /** Next Cursor */
            next_cursor?: string | null;
            /** Quarantine Below */
            quarantine_below: number;
            /** Score */
            score: number;
        };
        /**
         * AgentStatus
         * @description The light answer an agent or a dashboard polls: state, health, activity.
         */
        AgentStatus: {
            activity: components["schemas"]["Activity"];
            /** Allowed Actions */
            allowed_actions: components["schemas"]["LifecycleAction"][];
            /** Current Version Id */
            current_version_id: string | null;
            /**
             * Emergency Stop
             * @description The emergency stop covering the agent (id, scope, target, reason, stopped_by, stopped_at).
             */
            emergency_stop?: {
                [key: string]: unknown;
            } | null;
            health: components["schemas"]["Health"];
            /** Id */
            id: string;
            /** Last Seen At */
            last_seen_at: string | null;
            lifecycle_state: components["schemas"]["LifecycleState"];
            /**
             * May Run
             * @description Whether the agent may start tasks now: active and under no emergency stop.
             */
            may_run: boolean;
            /** Name */
            name: string;
            /**
             * State Changed At
             * Format: date-time
             */
            state_changed_at: string;
            /** State Reason */
            state_reason: string;
        };
        /** AgentUpdate */
        AgentUpdate: {
            /** Capabilities */
            capabilities?: string[] | null;
            /** Configuration */
            configuration?: {
                [key: string]: unknown;
            } | null;
            /** Description */
            description?: string | null;
            limits?: components["schemas"]["AgentLimits"] | null;
            /** Name */
            name?: string | null;
            /** Owner Id */
            owner_id?: string | null;
            /** Tags */
            tags?: string[] | null;
        };
        /** AlertAction */
        AlertAction: {
            /**
             * Comment
             * @default
             */
            comment?: string;
        };
        /** AlertChannelCreate */
        AlertChannelCreate: {
            /**
             * Categories
             * @description Empty: every category.
             */
            categories?: components["schemas"]["Category"][];
            /**
             * Enabled
             * @default true
             */
            enabled?: boolean;
            kind: components["schemas"]["ChannelKind"];
            /** @default info */
            min_severity?: components["schemas"]["Severity"];
            /** Name */
            name: string;
            /**
             * Organization Id
             * @description Defaults to your only organization.
             */
            organization_id?: string | null;
            /**
             * Recipients
             * @description Email addresses.
             */
            recipients?: string[];
            /**
             * Signing Secret
             * @description Webhook HMAC-SHA256 key; generated when not given.
             */
            signing_secret?: string | null;
            /**
             * Url
             * @description Webhook or Slack incoming-webhook URL; kept sealed.
             */
            url?: string | null;
        };
        /** AlertChannelCreated */
        AlertChannelCreated: {
            /** Categories */
            categories: components["schemas"]["Category"][];
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Enabled */
            enabled: boolean;
            /** Id */
            id: string;
            kind: components["schemas"]["ChannelKind"];
            min_severity: components["schemas"]["Severity"];
            /** Name */
            name: string;
            /** Organization Id */
            organization_id: string;
            /** Recipients */
            recipients: string[];
            /**
             * Signing Secret
             * @description The webhook signing key, shown this once (verify X-AMS-Signature with it).
             */
            signing_secret?: string | null;
            /** Target Hint */
            target_hint: string;
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
        };
        /** AlertChannelPublic */
        AlertChannelPublic: {
            /** Categories */
            categories: components["schemas"]["Category"][];
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Enabled */
            enabled: boolean;
            /** Id */
            id: string;
            kind: components["schemas"]["ChannelKind"];
            min_severity: components["schemas"]["Severity"];
            /** Name */
            name: string;
            /** Organization Id */
            organization_id: string;
            /** Recipients */
            recipients: string[];
            /** Target Hint */
            target_hint: string;
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
        };
        /** AlertChannelUpdate */
        AlertChannelUpdate: {
            /** Categories */
            categories?: components["schemas"]["Category"][] | null;
            /** Enabled */
            enabled?: boolean | null;
            min_severity?: components["schemas"]["Severity"] | null;
            /** Name */
            name?: string | null;
            /** Recipients */
            recipients?: string[] | null;
            /** Url */
            url?: string | null;
        };
        /** AlertPublic */
        AlertPublic: {
            /** Acknowledged At */
            acknowledged_at: string | null;
            /** Acknowledged By */
            acknowledged_by: string | null;
            /** Agent Id */
            agent_id: string | null;
            category: components["schemas"]["Category"];
            /** Comment */
            comment: string;
            /** Evidence */
            evidence: {
                [key: string]: unknown;
            };
            /** Fire Count */
            fire_count: number;
            /**
             * First Fired At
             * Format: date-time
             */
            first_fired_at: string;
            /** Id */
            id: string;
            /**
             * Last Fired At
             * Format: date-time
             */
            last_fired_at: string;
            /** Organization Id */
            organization_id: string;
            /** Project Id */
            project_id: string | null;
            /** Resolved At */
            resolved_at: string | null;
            /** Resolved By */
            resolved_by: string | null;
            /** Rule Id */
            rule_id: string | null;
            severity: components["schemas"]["Severity"];
            /** Source */
            source: string;
            status: components["schemas"]["AlertStatus"];
            /** Subject Id */
            subject_id: string;
            /** Subject Type */
            subject_type: string;
            /** Summary */
            summary: string;
            /** Threshold */
            threshold: number | null;
            /** Title */
            title: string;
            /** Value */
            value: number | null;
        };
        /** AlertRuleCreate */
        AlertRuleCreate: {
            /** @default performance */
            category?: components["schemas"]["Category"];
            /**
             * Channel Ids
             * @description Empty: every channel whose filters match.
             */
            channel_ids?: string[];
            condition: components["schemas"]["Condition"];
            /**
             * Cooldown S
             * @description Quiet time after a resolution.
             * @default 900
             */
            cooldown_s?: number;
            /**
             * Description
             * @default
             */
            description?: string;
            /**
             * Enabled
             * @default true
             */
            enabled?: boolean;
            /**
             * Interval S
             * @description How often the rule is evaluated.
             * @default 60
             */
            interval_s?: number;
            /**
             * Metric
             * @description See GET /api/v1/alert-metrics.
             */
            metric: string;
            /**
             * Min Tasks
             * @description Rates over fewer tasks (or calls) than this do not fire.
             * @default 0
             */
            min_tasks?: number;
            /** Name */
            name: string;
            /**
             * Organization Id
             * @description Defaults to your only organization.
             */
            organization_id?: string | null;
            scope?: components["schemas"]["RuleScope"];
            /** @default warning */
            severity?: components["schemas"]["Severity"];
            /** Threshold */
            threshold: number;
            /**
             * Window
             * @description How far back the metric is computed: 5m, 15m, 1h, 24h, 7d…
             * @default 15m
             */
            window?: string;
        };
        /** AlertRulePublic */
        AlertRulePublic: {
            /** Builtin */
            builtin: string | null;
            category: components["schemas"]["Category"];
            /** Channel Ids */
            channel_ids: string[];
            condition: components["schemas"]["Condition"];
            /** Cooldown S */
            cooldown_s: number;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Description */
            description: string;
            /** Enabled */
            enabled: boolean;
            /** Id */
            id: string;
            /** Interval S */
            interval_s: number;
            /** Last Evaluated At */
            last_evaluated_at: string | null;
            /** Metric */
            metric: string;
            /** Min Tasks */
            min_tasks: number;
            /** Name */
            name: string;
            /** Organization Id */
            organization_id: string;
            scope: components["schemas"]["RuleScope"];
            severity: components["schemas"]["Severity"];
            /** Threshold */
            threshold: number;
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
            /** Window */
            window: string;
        };
        /** AlertRuleUpdate */
        AlertRuleUpdate: {
            category?: components["schemas"]["Category"] | null;
            /** Channel Ids */
            channel_ids?: string[] | null;
            condition?: components["schemas"]["Condition"] | null;
            /** Cooldown S */
            cooldown_s?: number | null;
            /** Description */
            description?: string | null;
            /** Enabled */
            enabled?: boolean | null;
            /** Interval S */
            interval_s?: number | null;
            /** Metric */
            metric?: string | null;
            /** Min Tasks */
            min_tasks?: number | null;
            /** Name */
            name?: string | null;
            scope?: components["schemas"]["RuleScope"] | null;
            severity?: components["schemas"]["Severity"] | null;
            /** Threshold */
            threshold?: number | null;
            /** Window */
            window?: string | null;
        };
        /**
         * AlertStatus
         * @enum {string}
         */
        AlertStatus: "firing" | "acknowledged" | "resolved";
        /** ApiKeyCreate */
        ApiKeyCreate: {
            /**
             * Agent Id
             * @description An agent key: bound to this agent, acting as it.
             */
            agent_id?: string | null;
            /** Expires At */
            expires_at?: string | null;
            /** Expires In Days */
            expires_in_days?: number | null;
            /**
             * Name
             * @default
             */
            name?: string;
            /**
             * Project Id
             * @description A project key: give the project and a role.
             */
            project_id?: string | null;
            role?: components["schemas"]["Role"] | null;
        };
        /** ApiKeyCreated */
        ApiKeyCreated: {
            /** Agent Id */
            agent_id: string | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Created By */
            created_by: string | null;
            /** Expires At */
            expires_at: string | null;
            /** Id */
            id: string;
            /**
             * Key
             * @description The secret key, shown this once; AMS keeps only its hash.
             */
            key: string;
            /** Last Used At */
            last_used_at: string | null;
            /** Name */
            name: string;
            /** Organization Id */
            organization_id: string;
            /** Prefix */
            prefix: string;
            /** Project Id */
            project_id: string;
            /** Revoked At */
            revoked_at: string | null;
            role: components["schemas"]["Role"] | null;
        };
        /** ApiKeyPublic */
        ApiKeyPublic: {
            /** Agent Id */
            agent_id: string | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Created By */
            created_by: string | null;
            /** Expires At */
            expires_at: string | null;
            /** Id */
            id: string;
            /** Last Used At */
            last_used_at: string | null;
            /** Name */
            name: string;
            /** Organization Id */
            organization_id: string;
            /** Prefix */
            prefix: string;
            /** Project Id */
            project_id: string;
            /** Revoked At */
            revoked_at: string | null;
            role: components["schemas"]["Role"] | null;
        };
        /** ApprovalAnswer */
        ApprovalAnswer: {
            /**
             * Comment
             * @default
             */
            comment?: string;
        };
        /** ApprovalRule */
        ApprovalRule: {
            /** Actions */
            actions: string[];
            /** Arguments */
            arguments?: {
                [key: string]: string;
            };
            /**
             * Expires In S
             * @description An unanswered request expires after this.
             * @default 3600
             */
            expires_in_s?: number;
            /**
             * Id
             * @description Names the rule in reasons; defaults to r1, r2…
             */
            id?: string | null;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "approval";
        };
        /** AttentionItem */
        AttentionItem: {
            /** Agent Id */
            agent_id?: string | null;
            /** Alert Id */
            alert_id?: string | null;
            /** Kind */
            kind: string;
            /** Links */
            links: {
                [key: string]: string;
            };
            severity: components["schemas"]["Severity"];
            /** Since */
            since: string | null;
            /** Title */
            title: string;
            /** Why */
            why: string;
        };
        /** AuditActor */
        AuditActor: {
            /** Id */
            id: string;
            /** Label */
            label: string;
            /** Type */
            type: string;
        };
        /** AuditEntryPublic */
        AuditEntryPublic: {
            /** Action */
            action: string;
            actor: components["schemas"]["AuditActor"];
            /**
             * At
             * Format: date-time
             */
            at: string;
            /** Hash */
            hash: string;
            /** Id */
            id: string;
            /** Organization Id */
            organization_id: string;
            /** Prev Hash */
            prev_hash: string;
            /** Project Id */
            project_id: string | null;
            /** Resource Id */
            resource_id: string;
            /** Resource Type */
            resource_type: string;
            /** Seq */
            seq: number;
            /** Summary */
            summary: {
                [key: string]: unknown;
            };
        };
        /** BaselinePublic */
        BaselinePublic: {
            /**
             * Learned From
             * Format: date-time
             */
            learned_from: string;
            /**
             * Learned Until
             * Format: date-time
             */
            learned_until: string;
            /** Samples */
            samples: number;
            /** Stats */
            stats: {
                [key: string]: {
                    [key: string]: number;
                };
            };
        };
        /** BulkItemResult */
        BulkItemResult: {
            /** Error */
            error?: string | null;
            /** Id */
            id: string;
            lifecycle_state?: components["schemas"]["LifecycleState"] | null;
            /** Ok */
            ok: boolean;
            /** Status */
            status: number;
        };
        /**
         * BulkOperation
         * @enum {string}
         */
        BulkOperation: "provision" | "deploy" | "pause" | "resume" | "maintenance" | "quarantine" | "retire" | "delete" | "add_tags" | "remove_tags";
        /** BulkRequest */
        BulkRequest: {
            /** Ids */
            ids: string[];
            operation: components["schemas"]["BulkOperation"];
            /**
             * Reason
             * @default
             */
            reason?: string;
            /**
             * Tags
             * @description add_tags / remove_tags only.
             */
            tags?: string[];
        };
        /** BulkResult */
        BulkResult: {
            /** Failed */
            failed: number;
            operation: components["schemas"]["BulkOperation"];
            /** Results */
            results: components["schemas"]["BulkItemResult"][];
            /** Succeeded */
            succeeded: number;
        };
        /** Capabilities */
        Capabilities: {
            /** Capabilities */
            capabilities: string[];
            /** Items */
            items: components["schemas"]["CapabilityRow"][];
        };
        /**
         * Capability
         * @enum {string}
         */
        Capability: "chat" | "streaming" | "tools" | "vision" | "json_mode" | "embeddings";
        /** CapabilityRow */
        CapabilityRow: {
            /** Capabilities */
            capabilities: {
                [key: string]: boolean;
            };
            /** Context Window */
            context_window: number | null;
            /** Input Per Mtok */
            input_per_mtok: number | null;
            /** Kind */
            kind: string;
            /** Model */
            model: string;
            /** Output Per Mtok */
            output_per_mtok: number | null;
            /** Provider */
            provider: string;
            /** Provider Id */
            provider_id: string;
        };
        /**
         * Category
         * @enum {string}
         */
        Category: "system" | "security" | "performance" | "cost" | "compliance";
        /** ChainBreakPublic */
        ChainBreakPublic: {
            /** Entry Id */
            entry_id: string | null;
            /** Reason */
            reason: string;
            /** Seq */
            seq: number;
        };
        /** ChainStatus */
        ChainStatus: {
            /**
             * Checked At
             * Format: date-time
             */
            checked_at: string;
            /** Entries Checked */
            entries_checked: number;
            first_break: components["schemas"]["ChainBreakPublic"] | null;
            /** Ok */
            ok: boolean;
            /** Organization Id */
            organization_id: string;
        };
        /**
         * ChannelKind
         * @enum {string}
         */
        ChannelKind: "webhook" | "slack" | "email";
        /** Compare */
        Compare: {
            /** Items */
            items: components["schemas"]["CompareRow"][];
            /**
             * Since
             * Format: date-time
             */
            since: string;
            /**
             * Until
             * Format: date-time
             */
            until: string;
        };
        /** CompareRow */
        CompareRow: {
            /** Calls */
            calls: number;
            /** Cost Per 1K Tokens */
            cost_per_1k_tokens: number | null;
            /** Cost Usd */
            cost_usd: number;
            /** Error Rate */
            error_rate: number | null;
            /** Errors */
            errors: number;
            /** Input Tokens */
            input_tokens: number;
            latency_ms: components["schemas"]["Latency"];
            /** Model */
            model: string;
            /** Output Tokens */
            output_tokens: number;
            /** Provider */
            provider: string;
            /**
             * Ttft Ms P50
             * @description Time to first token of streamed calls through the gateway.
             */
            ttft_ms_p50: number | null;
        };
        /** ComponentHealth */
        ComponentHealth: {
            /**
             * Detail
             * @description Its backend; after a colon, the error when it does not answer.
             * @default
             */
            detail?: string;
            /**
             * Name
             * @description control_database, telemetry_store or shared_state.
             */
            name: string;
            /** Ok */
            ok: boolean;
        };
        /**
         * Condition
         * @enum {string}
         */
        Condition: "above" | "below" | "change_above" | "change_below" | "deviation";
        /** CostAnalysis */
        CostAnalysis: {
            /** By Agent */
            by_agent: {
                [key: string]: number;
            };
            /** By Day */
            by_day: {
                [key: string]: number;
            };
            /** By Model */
            by_model: {
                [key: string]: number;
            };
            /** By Provider */
            by_provider: {
                [key: string]: number;
            };
            forecast: components["schemas"]["ForecastPublic"];
            /** Items */
            items: components["schemas"]["CostRow"][];
            /**
             * Since
             * Format: date-time
             */
            since: string;
            /** Total Usd */
            total_usd: number;
            /**
             * Until
             * Format: date-time
             */
            until: string;
        };
        /** CostRow */
        CostRow: {
            /** Agent Id */
            agent_id: string;
            /** Calls */
            calls: number;
            /** Cost Usd */
            cost_usd: number;
            /** Day */
            day: string;
            /** Input Tokens */
            input_tokens: number;
            /** Model */
            model: string;
            /** Output Tokens */
            output_tokens: number;
            /** Provider */
            provider: string;
        };
        /** CredentialPublic */
        CredentialPublic: {
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Expires At */
            expires_at: string | null;
            /** Last Used At */
            last_used_at: string | null;
            /** Name */
            name: string;
            type: components["schemas"]["CredentialType"];
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
        };
        /**
         * CredentialPut
         * @description A secret to store. Give `type` and that type's fields; nothing of it is ever returned.
         */
        CredentialPut: {
            /** Access Token */
            access_token?: string | null;
            /** Expires At */
            expires_at?: string | null;
            /** Key */
            key?: string | null;
            /** Password */
            password?: string | null;
            /** Refresh Token */
            refresh_token?: string | null;
            /** Scope */
            scope?: string | null;
            /** Secret */
            secret?: string | null;
            /** Token Type */
            token_type?: string | null;
            type: components["schemas"]["CredentialType"];
            /** Username */
            username?: string | null;
        };
        /**
         * CredentialType
         * @enum {string}
         */
        CredentialType: "api_key" | "oauth_token" | "webhook_secret" | "basic_auth";
        /** DaemonHealth */
        DaemonHealth: {
            /** Failures */
            failures: number;
            /** Last Error */
            last_error: string | null;
            /** Last Result */
            last_result: string | null;
            /** Last Run At */
            last_run_at: string | null;
            /** Name */
            name: string;
            /** Running */
            running: boolean;
            /** Runs */
            runs: number;
        };
        /** DeliveryPublic */
        DeliveryPublic: {
            /** Alert Id */
            alert_id: string | null;
            /** Attempts */
            attempts: number;
            /** Channel Id */
            channel_id: string;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Delivered At */
            delivered_at: string | null;
            /** Event */
            event: string;
            /** Id */
            id: string;
            /** Last Error */
            last_error: string;
            /** Last Status Code */
            last_status_code: number | null;
            /**
             * Next Attempt At
             * Format: date-time
             */
            next_attempt_at: string;
            /** Status */
            status: string;
        };
        /** EmergencyStopHealth */
        EmergencyStopHealth: {
            /**
             * In Force
             * @description Emergency stops in force on this installation.
             */
            in_force: number;
            /**
             * Stops
             * @description The stops of the caller's organizations (empty without a login: this page shows no tenant's data to anonymous probes).
             */
            stops: {
                [key: string]: unknown;
            }[];
        };
        /** FailoverResult */
        FailoverResult: {
            /** Alias */
            alias: string;
            /** Order */
            order: components["schemas"]["FailoverStep"][];
            serving: components["schemas"]["FailoverStep"] | null;
            strategy: components["schemas"]["Strategy"];
        };
        /** FailoverStep */
        FailoverStep: {
            /** Model */
            model: string;
            /** Provider */
            provider: string;
            /** Provider Id */
            provider_id: string;
            /**
             * Skipped
             * @description Why this target would not serve, if it would not.
             */
            skipped?: string | null;
        };
        /** FailoverTest */
        FailoverTest: {
            /**
             * Alias
             * @description The route to test.
             */
            alias: string;
            /**
             * Failing
             * @description Targets to treat as failing: a provider id, or `provider_id/model`.
             */
            failing?: string[];
            /** Organization Id */
            organization_id?: string | null;
            /**
             * Prompt Tokens
             * @description A prompt size, to see the context-window fallback.
             * @default 0
             */
            prompt_tokens?: number;
        };
        /** FindingPublic */
        FindingPublic: {
            /**
             * At
             * Format: date-time
             */
            at: string;
            /** Detail */
            detail: {
                [key: string]: unknown;
            };
            /** Id */
            id: string;
            /** Points */
            points: number;
            /** Rule */
            rule: string;
            /** Score After */
            score_after: number;
            /** Severity */
            severity: string;
        };
        /** Fleet */
        Fleet: {
            /** Items */
            items: components["schemas"]["FleetRow"][];
            window: components["schemas"]["WindowPublic"];
        };
        /** FleetRow */
        FleetRow: {
            /** Agent Id */
            agent_id: string;
            /** Health */
            health: string;
            kpis: components["schemas"]["Kpis"];
            /** Lifecycle State */
            lifecycle_state: string;
            /** Name */
            name: string;
            /** Project Id */
            project_id: string;
        };
        /** ForecastPublic */
        ForecastPublic: {
            /**
             * Daily Run Rate Usd
             * @description Mean cost of the last whole days (up to 7) before today.
             */
            daily_run_rate_usd: number;
            /** Days Left */
            days_left: number;
            /** Month */
            month: string;
            /**
             * Month End Usd
             * @description Month to date + run-rate × days left.
             */
            month_end_usd: number;
            /** Month To Date Usd */
            month_to_date_usd: number;
            /** Run Rate Days */
            run_rate_days: number;
        };
        /**
         * Health
         * @enum {string}
         */
        Health: "healthy" | "degraded" | "unhealthy" | "offline" | "unknown";
        /** HealthEventPublic */
        HealthEventPublic: {
            /**
             * At
             * Format: date-time
             */
            at: string;
            /** Checks */
            checks: {
                [key: string]: unknown;
            };
            health_from: components["schemas"]["Health"];
            health_to: components["schemas"]["Health"];
            /** Id */
            id: string;
            /** Reason */
            reason: string;
        };
        /** HTTPValidationError */
        HTTPValidationError: {
            /** Detail */
            detail?: components["schemas"]["ValidationError"][];
        };
        /** IngestHealth */
        IngestHealth: {
            /** Failed Rows */
            failed_rows: number;
            /** Inserts */
            inserts: number;
            /** Queue Capacity */
            queue_capacity: number;
            /** Queued Rows */
            queued_rows: number;
            /** Rejected Requests */
            rejected_requests: number;
            /** Written Rows */
            written_rows: number;
        };
        /** IngestResult */
        IngestResult: {
            /** Accepted Events */
            accepted_events: number;
            /** Accepted Heartbeats */
            accepted_heartbeats: number;
            /** Accepted Spans */
            accepted_spans: number;
            /** Errors */
            errors: string[];
            /** Rejected Spans */
            rejected_spans: number;
        };
        /** InvitationAccept */
        InvitationAccept: {
            /**
             * Password
             * Format: password
             */
            password: string;
            /** Token */
            token: string;
        };
        /** Kpis */
        Kpis: {
            /** Cached Input Tokens */
            cached_input_tokens: number;
            /** Cost Per Task */
            cost_per_task: number | null;
            /** Cost Usd */
            cost_usd: number;
            /** Error Rate */
            error_rate: number | null;
            /** Failures */
            failures: number;
            /** Hir */
            hir: number | null;
            /** Input Tokens */
            input_tokens: number;
            latency_ms: components["schemas"]["Latency"];
            /** Output Tokens */
            output_tokens: number;
            /** Span Error Rate */
            span_error_rate: number | null;
            /** Spans */
            spans: number;
            /** Successes */
            successes: number;
            /** Tasks */
            tasks: number;
            /** Throughput Per Hour */
            throughput_per_hour: number | null;
            /** Tokens Per Success */
            tokens_per_success: number | null;
            /** Tsr */
            tsr: number | null;
            /** Unpriced Models */
            unpriced_models: string[];
            /** Unpriced Spans */
            unpriced_spans: number;
        };
        /** Latency */
        Latency: {
            /** P50 */
            p50: number | null;
            /** P95 */
            p95: number | null;
            /** P99 */
            p99: number | null;
        };
        /**
         * LifecycleAction
         * @enum {string}
         */
        LifecycleAction: "provision" | "deploy" | "pause" | "resume" | "maintenance" | "quarantine" | "retire";
        /** LifecycleRequest */
        LifecycleRequest: {
            /**
             * Reason
             * @description Why: kept on the agent and in the audit trail.
             * @default
             */
            reason?: string;
            /**
             * Version
             * @description deploy only: the version to serve (id or number).
             */
            version?: string | null;
        };
        /**
         * LifecycleState
         * @enum {string}
         */
        LifecycleState: "registered" | "provisioning" | "active" | "paused" | "maintenance" | "quarantined" | "decommissioning" | "decommissioned";
        /** LimitsPublic */
        LimitsPublic: {
            /** Limits */
            limits: {
                [key: string]: unknown;
            };
            /** Scope */
            scope: string;
            /** Scope Id */
            scope_id: string;
        };
        /** LoginRequest */
        LoginRequest: {
            /** Email */
            email: string;
            /**
             * Password
             * Format: password
             */
            password: string;
        };
        /** MemberPublic */
        MemberPublic: {
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Email */
            email: string;
            /** Id */
            id: string;
            /**
             * Invitation Pending
             * @default false
             */
            invitation_pending?: boolean;
            /** Is Active */
            is_active: boolean;
            /** Is Superuser */
            is_superuser: boolean;
            /** Name */
            name: string;
            /** Organization Id */
            organization_id: string;
            role: components["schemas"]["Role"];
        };
        /** MembershipPublic */
        MembershipPublic: {
            /** Organization Id */
            organization_id: string;
            /** Organization Name */
            organization_name: string;
            role: components["schemas"]["Role"];
        };
        /** MembershipUpdate */
        MembershipUpdate: {
            /** Organization Id */
            organization_id: string;
            role: components["schemas"]["Role"];
        };
        /** MePublic */
        MePublic: {
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Email */
            email: string;
            /** Id */
            id: string;
            /** Is Active */
            is_active: boolean;
            /** Is Superuser */
            is_superuser: boolean;
            /** Memberships */
            memberships: components["schemas"]["MembershipPublic"][];
            /** Name */
            name: string;
        };
        /** MetricPublic */
        MetricPublic: {
            /** Description */
            description: string;
            /**
             * Deviation
             * @description Whether `deviation` (against the learnt baseline) can be used.
             */
            deviation: boolean;
            /** Name */
            name: string;
            /** Subject */
            subject: string;
            /** Unit */
            unit: string;
        };
        /** ModelAllowRule */
        ModelAllowRule: {
            /**
             * Id
             * @description Names the rule in reasons; defaults to r1, r2…
             */
            id?: string | null;
            /**
             * Models
             * @description Globs on model aliases or names.
             */
            models: string[];
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "model_allow";
        };
        /**
         * OnBreach
         * @enum {string}
         */
        OnBreach: "block" | "alert" | "pause";
        /** OrganizationCreate */
        OrganizationCreate: {
            /** Name */
            name: string;
            /** Slug */
            slug?: string | null;
        };
        /** OrganizationPublic */
        OrganizationPublic: {
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Id */
            id: string;
            /** Name */
            name: string;
            role?: components["schemas"]["Role"] | null;
            /** Slug */
            slug: string;
        };
        /** OrganizationUpdate */
        OrganizationUpdate: {
            /** Name */
            name: string;
        };
        /** Page[AgentPublic] */
        Page_AgentPublic_: {
            /** Items */
            items: components["schemas"]["AgentPublic"][];
            /** Next Cursor */
            next_cursor?: string | null;
        };
        /** Page[AlertChannelPublic] */
        Page_AlertChannelPublic_: {
            /** Items */
            items: components["schemas"]["AlertChannelPublic"][];
            /** Next Cursor */
            next_cursor?: string | null;
        };
        /** Page[AlertPublic] */
        Page_AlertPublic_: {
            /** Items */
            items: components["schemas"]["AlertPublic"][];
            /** Next Cursor */
            next_cursor?: string | null;
        };
        /** Page[AlertRulePublic] */
        Page_AlertRulePublic_: {
            /** Items */
            items: components["schemas"]["AlertRulePublic"][];
            /** Next Cursor */
            next_cursor?: string | null;
        };
        /** Page[ApiKeyPublic] */
        Page_ApiKeyPublic_: {
            /** Items */
            items: components["schemas"]["ApiKeyPublic"][];
            /** Next Cursor */
            next_cursor?: string | null;
        };
        /** Page[AuditEntryPublic] */
        Page_AuditEntryPublic_: {
            /** Items */
            items: components["schemas"]["AuditEntryPublic"][];
            /** Next Cursor */
            next_cursor?: string | null;
        };
        /** Page[DeliveryPublic] */
        Page_DeliveryPublic_: {
            /** Items */
            items: components["schemas"]["DeliveryPublic"][];
            /** Next Cursor */
            next_cursor?: string | null;
        };
        /** Page[dict[str, Any]] */
        Page_dict_str__Any__: {
            /** Items */
            items: {
                [key: string]: unknown;
            }[];
            /** Next Cursor */
            next_cursor?: string | null;
        };
        /** Page[PolicyPublic] */
        Page_PolicyPublic_: {
            /** Items */
            items: components["schemas"]["PolicyPublic"][];
            /** Next Cursor */
            next_cursor?: string | null;
        };
        /** Page[ProviderPublic] */
        Page_ProviderPublic_: {
            /** Items */
            items: components["schemas"]["ProviderPublic"][];
            /** Next Cursor */
            next_cursor?: string | null;
        };
        /** Page[RoutePublic] */
        Page_RoutePublic_: {
            /** Items */
            items: components["schemas"]["RoutePublic"][];
            /** Next Cursor */
            next_cursor?: string | null;
        };
        /** Page[VersionPublic] */
        Page_VersionPublic_: {
            /** Items */
            items: components["schemas"]["VersionPublic"][];
            /** Next Cursor */
            next_cursor?: string | null;
        };
        /** PayloadLimitRule */
        PayloadLimitRule: {
            /**
             * Id
             * @description Names the rule in reasons; defaults to r1, r2…
             */
            id?: string | null;
            /**
             * Max Arguments Bytes
             * @description Largest action arguments, as JSON.
             */
            max_arguments_bytes?: number | null;
            /**
             * Max Input Chars
             * @description Longest prompt a gateway call may send.
             */
            max_input_chars?: number | null;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "payload_limit";
        };
        /**
         * Period
         * @enum {string}
         */
        Period: "hour" | "day" | "month" | "total";
        /**
         * Platform
         * @enum {string}
         */
        Platform: "langchain" | "langgraph" | "crewai" | "n8n" | "make" | "zapier" | "webhook" | "custom";
        /** PlatformPublic */
        PlatformPublic: {
            /** Configuration Schema */
            configuration_schema: {
                [key: string]: unknown;
            };
            /** Description */
            description: string;
            platform: components["schemas"]["Platform"];
        };
        /** PolicyCreate */
        PolicyCreate: {
            /**
             * Description
             * @default
             */
            description?: string;
            /**
             * Enabled
             * @default true
             */
            enabled?: boolean;
            /** Name */
            name: string;
            /**
             * Organization Id
             * @description Defaults to your only organization.
             */
            organization_id?: string | null;
            /** Rules */
            rules: (components["schemas"]["SpendCapRule"] | components["schemas"]["ToolListRule"] | components["schemas"]["ModelAllowRule"] | components["schemas"]["RateLimitRule"] | components["schemas"]["ApprovalRule"] | components["schemas"]["PayloadLimitRule"])[];
            scope?: components["schemas"]["PolicyScope"];
        };
        /** PolicyPublic */
        PolicyPublic: {
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Description */
            description: string;
            /** Enabled */
            enabled: boolean;
            /** Id */
            id: string;
            /** Name */
            name: string;
            /** Organization Id */
            organization_id: string;
            /** Rules */
            rules: {
                [key: string]: unknown;
            }[];
            scope: components["schemas"]["PolicyScope"];
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
            /** Version */
            version: number;
        };
        /** PolicyScope */
        PolicyScope: {
            /**
             * Type
             * @default organization
             * @enum {string}
             */
            type?: "organization" | "project" | "agent" | "tag";
            /**
             * Value
             * @description The project id, agent id or name, or the tag.
             * @default
             */
            value?: string;
        };
        /** PolicyUpdate */
        PolicyUpdate: {
            /** Description */
            description?: string | null;
            /** Enabled */
            enabled?: boolean | null;
            /** Name */
            name?: string | null;
            /** Rules */
            rules?: (components["schemas"]["SpendCapRule"] | components["schemas"]["ToolListRule"] | components["schemas"]["ModelAllowRule"] | components["schemas"]["RateLimitRule"] | components["schemas"]["ApprovalRule"] | components["schemas"]["PayloadLimitRule"])[] | null;
            scope?: components["schemas"]["PolicyScope"] | null;
        };
        /** PricingPublic */
        PricingPublic: {
            /** Bundled */
            bundled: {
                [key: string]: unknown;
            }[];
            /** Bundled As Of */
            bundled_as_of: string;
            /**
             * Lookup
             * @description The price that applies to ?model=, if asked.
             */
            lookup?: {
                [key: string]: unknown;
            } | null;
            /** Organization Id */
            organization_id: string;
            /** Overrides */
            overrides: {
                [key: string]: unknown;
            }[];
        };
        /** PricingPut */
        PricingPut: {
            /**
             * Prices
             * @description Your model prices (USD per million tokens): {provider, model, input_per_mtok, cached_input_per_mtok, output_per_mtok, match: exact|regex, pattern}. They win over the bundled table.
             */
            prices: {
                [key: string]: unknown;
            }[];
        };
        /**
         * PrincipalPublic
         * @description What `GET /auth/me` says of an API key caller.
         */
        PrincipalPublic: {
            /** Agent Id */
            agent_id: string | null;
            /** Id */
            id: string;
            /** Kind */
            kind: string;
            /** Organization Id */
            organization_id: string | null;
            /** Project Id */
            project_id: string | null;
            role: components["schemas"]["Role"] | null;
        };
        /** ProbeResult */
        ProbeResult: {
            /** At */
            at: string | null;
            /** Error */
            error: string | null;
            /** Latency Ms */
            latency_ms: number | null;
            /** Ok */
            ok: boolean | null;
        };
        /** ProjectCreate */
        ProjectCreate: {
            /**
             * Description
             * @default
             */
            description?: string;
            /** Name */
            name: string;
            /**
             * Organization Id
             * @description Defaults to your only organization.
             */
            organization_id?: string | null;
            /** Slug */
            slug?: string | null;
        };
        /** ProjectPublic */
        ProjectPublic: {
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Description */
            description: string;
            /** Id */
            id: string;
            /** Name */
            name: string;
            /** Organization Id */
            organization_id: string;
            /** Slug */
            slug: string;
        };
        /** ProjectUpdate */
        ProjectUpdate: {
            /** Description */
            description?: string | null;
            /** Name */
            name?: string | null;
        };
        /** PromptRef */
        PromptRef: {
            /** Name */
            name: string;
            /** Version */
            version?: string | null;
        };
        /** ProviderCreate */
        ProviderCreate: {
            /**
             * Api Key
             * @description Kept sealed in the vault; never returned.
             */
            api_key?: string | null;
            /**
             * Base Url
             * @description Defaults to the provider's public API for openai, anthropic, gemini.
             */
            base_url?: string | null;
            /**
             * Enabled
             * @default true
             */
            enabled?: boolean;
            kind: components["schemas"]["ProviderKind"];
            limits?: components["schemas"]["ProviderLimits"];
            /** Models */
            models?: components["schemas"]["ProviderModel"][];
            /**
             * Name
             * @description Unique in the organization; `name/model` addresses it.
             */
            name: string;
            options?: components["schemas"]["ProviderOptions"];
            /** Organization Id */
            organization_id?: string | null;
        };
        /** ProviderHealth */
        ProviderHealth: {
            /** Name */
            name: string;
            probe: components["schemas"]["ProbeResult"];
            /** Provider Id */
            provider_id: string;
            /**
             * Status
             * @description healthy, degraded, unhealthy or unknown
             */
            status: string;
            /** Targets */
            targets: components["schemas"]["TargetHealth"][];
            /**
             * Window S
             * @description The passive figures cover calls of this many last seconds, this instance.
             */
            window_s: number;
        };
        /**
         * ProviderKind
         * @enum {string}
         */
        ProviderKind: "openai" | "anthropic" | "gemini" | "openai_compatible";
        /** ProviderLimits */
        ProviderLimits: {
            /** Concurrent Requests */
            concurrent_requests?: number | null;
            /** Monthly Budget Usd */
            monthly_budget_usd?: number | null;
            /** Requests Per Minute */
            requests_per_minute?: number | null;
            /** Tokens Per Minute */
            tokens_per_minute?: number | null;
        };
        /** ProviderModel */
        ProviderModel: {
            /** Capabilities */
            capabilities?: components["schemas"]["Capability"][];
            /**
             * Context Window
             * @description Tokens of input plus output the model takes.
             */
            context_window?: number | null;
            /**
             * Input Per Mtok
             * @description USD per million input tokens on this provider.
             */
            input_per_mtok?: number | null;
            /**
             * Name
             * @description The model name the provider knows.
             */
            name: string;
            /**
             * Output Per Mtok
             * @description USD per million output tokens.
             */
            output_per_mtok?: number | null;
        };
        /** ProviderOptions */
        ProviderOptions: {
            /**
             * Api Version
             * @description Azure-style `api-version` query value.
             */
            api_version?: string | null;
            /**
             * Auth Header
             * @description Header carrying the key when not `Authorization: Bearer` (Azure: api-key).
             */
            auth_header?: string | null;
            /**
             * Headers
             * @description Extra headers sent upstream (not secret).
             */
            headers?: {
                [key: string]: string;
            };
            /**
             * Timeout S
             * @description Default per-attempt timeout.
             * @default 60
             */
            timeout_s?: number;
        };
        /** ProviderPublic */
        ProviderPublic: {
            /** Base Url */
            base_url: string;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Enabled */
            enabled: boolean;
            /**
             * Has Api Key
             * @default false
             */
            has_api_key?: boolean;
            /** Id */
            id: string;
            kind: components["schemas"]["ProviderKind"];
            limits: components["schemas"]["ProviderLimits"];
            /** Models */
            models: components["schemas"]["ProviderModel"][];
            /** Name */
            name: string;
            options: components["schemas"]["ProviderOptions"];
            /** Organization Id */
            organization_id: string;
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
        };
        /** ProviderRow */
        ProviderRow: {
            /** Calls */
            calls: number;
            /** Cost Per 1K Tokens */
            cost_per_1k_tokens: number | null;
            /** Cost Usd */
            cost_usd: number;
            /** Error Rate */
            error_rate: number | null;
            /** Errors */
            errors: number;
            /** Input Tokens */
            input_tokens: number;
            latency_ms: components["schemas"]["Latency"];
            /** Model */
            model: string;
            /** Output Tokens */
            output_tokens: number;
            /** Provider */
            provider: string;
            /** Unpriced Calls */
            unpriced_calls: number;
        };
        /** Providers */
        Providers: {
            /** Items */
            items: components["schemas"]["ProviderRow"][];
            window: components["schemas"]["WindowPublic"];
        };
        /** ProviderUpdate */
        ProviderUpdate: {
            /**
             * Api Key
             * @description Replaces the sealed key; omit it to keep the key.
             */
            api_key?: string | null;
            /** Base Url */
            base_url?: string | null;
            /** Enabled */
            enabled?: boolean | null;
            /** Models */
            models?: components["schemas"]["ProviderModel"][] | null;
            options?: components["schemas"]["ProviderOptions"] | null;
        };
        /** RateLimitRule */
        RateLimitRule: {
            /**
             * Id
             * @description Names the rule in reasons; defaults to r1, r2…
             */
            id?: string | null;
            /** Requests Per Minute */
            requests_per_minute?: number | null;
            /** Tokens Per Minute */
            tokens_per_minute?: number | null;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "rate_limit";
        };
        /** ReleaseRequest */
        ReleaseRequest: {
            /**
             * Id
             * @description The stop to release; without it, every stop in force of the scope.
             */
            id?: string | null;
            /** Organization Id */
            organization_id?: string | null;
            /**
             * Reason
             * @default
             */
            reason?: string;
            /** Scope */
            scope?: ("fleet" | "project" | "agent" | "tag") | null;
            /**
             * Target
             * @default
             */
            target?: string;
        };
        /**
         * Role
         * @enum {string}
         */
        Role: "viewer" | "operator" | "agent_owner" | "admin";
        /** RouteCreate */
        RouteCreate: {
            /** Alias */
            alias: string;
            /** Organization Id */
            organization_id?: string | null;
            policy?: components["schemas"]["RoutePolicy"];
            /** @default ordered */
            strategy?: components["schemas"]["Strategy"];
            /** Targets */
            targets: components["schemas"]["RouteTarget"][];
        };
        /** RoutePolicy */
        RoutePolicy: {
            /**
             * Backoff Ms
             * @description First retry's wait; doubles each retry.
             * @default 200
             */
            backoff_ms?: number;
            /**
             * Context Fallback
             * @description Send prompts too long for a target to a larger one.
             * @default true
             */
            context_fallback?: boolean;
            /**
             * Cooldown S
             * @description How long an open breaker keeps its target out.
             * @default 30
             */
            cooldown_s?: number;
            /**
             * Failure Threshold
             * @description Failures in a row that open a target's breaker.
             * @default 5
             */
            failure_threshold?: number;
            /**
             * Max Backoff Ms
             * @default 5000
             */
            max_backoff_ms?: number;
            /**
             * Retries
             * @description Retries of one target on 429, 5xx and timeouts.
             * @default 2
             */
            retries?: number;
            /**
             * Timeout S
             * @description Per attempt; default: the provider's.
             */
            timeout_s?: number | null;
        };
        /** RoutePublic */
        RoutePublic: {
            /** Alias */
            alias: string;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Id */
            id: string;
            /** Organization Id */
            organization_id: string;
            policy: components["schemas"]["RoutePolicy"];
            strategy: components["schemas"]["Strategy"];
            /** Targets */
            targets: components["schemas"]["RouteTarget"][];
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
        };
        /** RouteTarget */
        RouteTarget: {
            /** Model */
            model: string;
            /** Provider Id */
            provider_id: string;
            /**
             * Weight
             * @default 1
             */
            weight?: number;
        };
        /** RouteUpdate */
        RouteUpdate: {
            policy?: components["schemas"]["RoutePolicy"] | null;
            strategy?: components["schemas"]["Strategy"] | null;
            /** Targets */
            targets?: components["schemas"]["RouteTarget"][] | null;
        };
        /** RuleScope */
        RuleScope: {
            /** @default fleet */
            type?: components["schemas"]["ScopeType"];
            /**
             * Value
             * @description The project id, agent id or name, tag, provider or model.
             * @default
             */
            value?: string;
        };
        /**
         * ScopeLimits
         * @description Gateway limits of a project or an API key.
         */
        ScopeLimits: {
            /** Concurrent Requests */
            concurrent_requests?: number | null;
            /** Requests Per Minute */
            requests_per_minute?: number | null;
            /** Tokens Per Minute */
            tokens_per_minute?: number | null;
        };
        /**
         * ScopeType
         * @enum {string}
         */
        ScopeType: "fleet" | "project" | "agent" | "tag" | "provider" | "model";
        /** Series */
        Series: {
            /** Key */
            key: string;
            /** Points */
            points: components["schemas"]["SeriesPoint"][];
        };
        /**
         * SeriesPoint
         * @description A typed dict, not a model: a series may hold tens of thousands of points.
         */
        SeriesPoint: {
            /**
             * Time
             * Format: date-time
             */
            time: string;
            /** Value */
            value: number | null;
        };
        /** Session */
        Session: {
            /** Session Id */
            session_id: string;
            /** Traces */
            traces: components["schemas"]["TraceSummary"][];
        };
        /**
         * Severity
         * @enum {string}
         */
        Severity: "info" | "warning" | "high" | "critical" | "emergency";
        /** SimulateRequest */
        SimulateRequest: {
            /**
             * Days
             * @description How many days of recorded traffic to replay, up to now.
             * @default 7
             */
            days?: number;
            /**
             * Organization Id
             * @description Defaults to your only organization.
             */
            organization_id?: string | null;
            /** @description The draft, as it would be created. */
            policy: components["schemas"]["PolicyCreate"];
        };
        /** SpanNode */
        SpanNode: {
            /** Agent Id */
            agent_id: string;
            /** Agent Version */
            agent_version: string;
            /** Attributes */
            attributes: {
                [key: string]: unknown;
            };
            /** Cached Input Tokens */
            cached_input_tokens: number;
            /** Children */
            children: components["schemas"]["SpanNode"][];
            /** Cost Source */
            cost_source: string;
            /** Cost Usd */
            cost_usd: number;
            /** Duration Ms */
            duration_ms: number;
            /**
             * End Time
             * Format: date-time
             */
            end_time: string;
            /** Events */
            events: {
                [key: string]: unknown;
            }[];
            /** Human Intervention */
            human_intervention: boolean;
            /** Input */
            input: string | null;
            /** Input Tokens */
            input_tokens: number;
            /** Is Task */
            is_task: boolean;
            /** Kind */
            kind: string;
            /** Model */
            model: string | null;
            /** Name */
            name: string;
            /** Operation */
            operation: string | null;
            /** Output */
            output: string | null;
            /** Output Tokens */
            output_tokens: number;
            /** Parent Span Id */
            parent_span_id: string | null;
            /** Provider */
            provider: string | null;
            /** Span Id */
            span_id: string;
            /**
             * Start Time
             * Format: date-time
             */
            start_time: string;
            /** Status */
            status: string;
            /** Status Message */
            status_message: string;
            /** Task Outcome */
            task_outcome: string | null;
            /** Tool Name */
            tool_name: string | null;
        };
        /** SpendCapRule */
        SpendCapRule: {
            /** Amount Usd */
            amount_usd: number;
            /**
             * Id
             * @description Names the rule in reasons; defaults to r1, r2…
             */
            id?: string | null;
            /** @default block */
            on_breach?: components["schemas"]["OnBreach"];
            /** @default day */
            period?: components["schemas"]["Period"];
            /**
             * Soft Limit Pct
             * @description Warn past this share of the cap.
             */
            soft_limit_pct?: number | null;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "spend_cap";
        };
        /** StopRequest */
        StopRequest: {
            /**
             * Organization Id
             * @description Defaults to your only organization.
             */
            organization_id?: string | null;
            /**
             * Reason
             * @description Why: shown to every refused caller.
             */
            reason: string;
            /**
             * Scope
             * @enum {string}
             */
            scope: "fleet" | "project" | "agent" | "tag";
            /**
             * Target
             * @description The project id, agent id or name, or tag; none for fleet.
             * @default
             */
            target?: string;
        };
        /**
         * Strategy
         * @enum {string}
         */
        Strategy: "weighted" | "lowest_latency" | "lowest_cost" | "ordered";
        /** SystemHealth */
        SystemHealth: {
            /**
             * Alert Deliveries Pending
             * @description Alert messages queued or awaiting a retry, over the whole installation; null when the control database does not answer.
             */
            alert_deliveries_pending: number | null;
            /** Components */
            components: components["schemas"]["ComponentHealth"][];
            /** Daemons */
            daemons: components["schemas"]["DaemonHealth"][];
            emergency_stops: components["schemas"]["EmergencyStopHealth"];
            ingest: components["schemas"]["IngestHealth"];
            /** Status */
            status: string;
            /** Version */
            version: string;
        };
        /** TargetHealth */
        TargetHealth: {
            /** Breaker */
            breaker: string;
            /** Breaker Reopens In S */
            breaker_reopens_in_s: number | null;
            /** Calls */
            calls: number;
            /** Error Rate */
            error_rate: number | null;
            /** Errors */
            errors: number;
            /** Latency Ms Ewma */
            latency_ms_ewma: number | null;
            /** Latency Ms P50 */
            latency_ms_p50: number | null;
            /** Model */
            model: string;
        };
        /** TemplatePublic */
        TemplatePublic: {
            /** Capabilities */
            capabilities: string[];
            /** Configuration */
            configuration: {
                [key: string]: unknown;
            };
            /** Description */
            description: string;
            /** Id */
            id: string;
            /** Limits */
            limits: {
                [key: string]: unknown;
            };
            /** Name */
            name: string;
            platform: components["schemas"]["Platform"];
            /** Required */
            required: string[];
            /** Tags */
            tags: string[];
        };
        /** Timeseries */
        Timeseries: {
            /** Bucket */
            bucket: string;
            /** Group By */
            group_by: string | null;
            /** Metric */
            metric: string;
            /** Series */
            series: components["schemas"]["Series"][];
            window: components["schemas"]["WindowPublic"];
        };
        /** TokenResponse */
        TokenResponse: {
            /** Access Token */
            access_token: string;
            /**
             * Expires At
             * Format: date-time
             */
            expires_at: string;
            /**
             * Token Type
             * @default bearer
             */
            token_type?: string;
        };
        /** ToolListRule */
        ToolListRule: {
            /**
             * Actions
             * @description Globs on action names.
             */
            actions: string[];
            /**
             * Arguments
             * @description Globs on named arguments.
             */
            arguments?: {
                [key: string]: string;
            };
            /**
             * Id
             * @description Names the rule in reasons; defaults to r1, r2…
             */
            id?: string | null;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "tool_allow" | "tool_deny";
        };
        /** TraceDetail */
        TraceDetail: {
            /** Cost Usd */
            cost_usd: number;
            /** Duration Ms */
            duration_ms: number;
            /**
             * End Time
             * Format: date-time
             */
            end_time: string;
            /** Events */
            events: {
                [key: string]: unknown;
            }[];
            /** Input Tokens */
            input_tokens: number;
            /** Output Tokens */
            output_tokens: number;
            /** Roots */
            roots: components["schemas"]["SpanNode"][];
            /** Spans */
            spans: number;
            /**
             * Start Time
             * Format: date-time
             */
            start_time: string;
            /** Trace Id */
            trace_id: string;
        };
        /** TracePage */
        TracePage: {
            /** Items */
            items: components["schemas"]["TraceSummary"][];
            /** Next Cursor */
            next_cursor: string | null;
        };
        /** TraceSummary */
        TraceSummary: {
            /** Agent Id */
            agent_id: string;
            /** Agent Version */
            agent_version: string;
            /** Cost Usd */
            cost_usd: number;
            /** Duration Ms */
            duration_ms: number;
            /**
             * End Time
             * Format: date-time
             */
            end_time: string;
            /** Errors */
            errors: number;
            /** Human Intervention */
            human_intervention: boolean;
            /** Input Tokens */
            input_tokens: number;
            /** Kind */
            kind: string;
            /** Models */
            models: string[];
            /** Name */
            name: string;
            /** Output Tokens */
            output_tokens: number;
            /** Project Id */
            project_id: string;
            /** Root Span Id */
            root_span_id: string;
            /** Session Id */
            session_id: string;
            /** Spans */
            spans: number;
            /**
             * Start Time
             * Format: date-time
             */
            start_time: string;
            /** Status */
            status: string;
            /** Status Message */
            status_message: string;
            /** Task Outcome */
            task_outcome: string | null;
            /** Trace Id */
            trace_id: string;
        };
        /** Usage */
        Usage: {
            /** Group By */
            group_by: string[];
            /** Items */
            items: components["schemas"]["UsageRow"][];
            /** Totals */
            totals: {
                [key: string]: unknown;
            };
            window: components["schemas"]["WindowPublic"];
        };
        /** UsageRow */
        UsageRow: {
            /** Agent Id */
            agent_id?: string | null;
            /** Cost Usd */
            cost_usd: number;
            /** Day */
            day?: string | null;
            /** Input Tokens */
            input_tokens: number;
            /** Model */
            model?: string | null;
            /** Output Tokens */
            output_tokens: number;
            /** Project Id */
            project_id?: string | null;
            /** Spans */
            spans: number;
        };
        /** UserCreate */
        UserCreate: {
            /** Email */
            email: string;
            /**
             * Name
             * @default
             */
            name?: string;
            /** Organization Id */
            organization_id: string;
            /**
             * Password
             * @description Set it now; leave out to invite: the answer then carries a one-time invitation token.
             */
            password?: string | null;
            /** @default viewer */
            role?: components["schemas"]["Role"];
        };
        /** UserCreated */
        UserCreated: {
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Email */
            email: string;
            /** Id */
            id: string;
            /**
             * Invitation Pending
             * @default false
             */
            invitation_pending?: boolean;
            /**
             * Invitation Token
             * @description Shown this once: the invitee sets a password with it.
             */
            invitation_token?: string | null;
            /** Is Active */
            is_active: boolean;
            /** Is Superuser */
            is_superuser: boolean;
            /** Name */
            name: string;
            /** Organization Id */
            organization_id: string;
            role: components["schemas"]["Role"];
        };
        /** UserPublic */
        UserPublic: {
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Email */
            email: string;
            /** Id */
            id: string;
            /** Is Active */
            is_active: boolean;
            /** Is Superuser */
            is_superuser: boolean;
            /** Name */
            name: string;
        };
        /** ValidationError */
        ValidationError: {
            /** Context */
            ctx?: Record<string, never>;
            /** Input */
            input?: unknown;
            /** Location */
            loc: (string | number)[];
            /** Message */
            msg: string;
            /** Error Type */
            type: string;
        };
        /** VersionCreate */
        VersionCreate: {
            /**
             * Configuration
             * @description Defaults to the agent's configuration now.
             */
            configuration?: {
                [key: string]: unknown;
            } | null;
            /**
             * Make Current
             * @description Point the agent at this version.
             * @default true
             */
            make_current?: boolean;
            /** Model */
            model?: string | null;
            /**
             * Notes
             * @default
             */
            notes?: string;
            /** Prompt Refs */
            prompt_refs?: components["schemas"]["PromptRef"][];
            /**
             * Version
             * @description Semantic version, e.g. 1.4.0; never reused for this agent.
             */
            version: string;
        };
        /** VersionKpis */
        VersionKpis: {
            kpis: components["schemas"]["Kpis"];
            /** Version */
            version: string;
        };
        /** VersionPublic */
        VersionPublic: {
            /** Agent Id */
            agent_id: string;
            /** Configuration */
            configuration: {
                [key: string]: unknown;
            };
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Created By */
            created_by: string | null;
            /** Id */
            id: string;
            /**
             * Is Current
             * @default false
             */
            is_current?: boolean;
            /** Model */
            model: string | null;
            /** Notes */
            notes: string;
            /** Prompt Refs */
            prompt_refs: components["schemas"]["PromptRef"][];
            /** Version */
            version: string;
        };
        /** WindowPublic */
        WindowPublic: {
            /**
             * Since
             * Format: date-time
             */
            since: string;
            /**
             * Until
             * Format: date-time
             */
            until: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    list_platforms_api_v1_agent_platforms_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlatformPublic"][];
                };
            };
        };
    };
    list_templates_api_v1_agent_templates_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TemplatePublic"][];
                };
            };
        };
    };
    list_agents_api_v1_agents_get: {
        parameters: {
            query?: {
                /** @description Capabilities (all of). */
                capability?: string[] | null;
                /** @description `next_cursor` of the previous page. */
                cursor?: string | null;
                /** @description Health values (any of). */
                health?: string[] | null;
                /** @description Page size. */
                limit?: number;
                organization_id?: string | null;
                /** @description An owner's user id, or `me`. */
                owner?: string | null;
                /** @description Platforms (any of). */
                platform?: string[] | null;
                project_id?: string | null;
                /** @description Text in the name or description. */
                q?: string | null;
                /** @description name, created_at, updated_at, state_changed_at, lifecycle_state, health or platform; prefix - for descending. */
                sort?: string | null;
                /** @description Lifecycle states (any of); repeat or use commas. */
                state?: string[] | null;
                /** @description Tags (all of); repeat or separate with commas. */
                tag?: string[] | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_AgentPublic_"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    create_agent_api_v1_agents_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AgentCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentPublic"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    read_agent_api_v1_agents__agent__get: {
        parameters: {
            query?: {
                /** @description Disambiguates an agent name used in several projects. */
                project_id?: string | null;
            };
            header?: never;
            path: {
                agent: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentPublic"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    delete_agent_api_v1_agents__agent__delete: {
        parameters: {
            query?: {
                /** @description Disambiguates an agent name used in several projects. */
                project_id?: string | null;
            };
            header?: never;
            path: {
                agent: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    update_agent_api_v1_agents__agent__patch: {
        parameters: {
            query?: {
                /** @description Disambiguates an agent name used in several projects. */
                project_id?: string | null;
            };
            header?: never;
            path: {
                agent: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AgentUpdate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentPublic"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    clone_agent_api_v1_agents__agent__clone_post: {
        parameters: {
            query?: {
                /** @description Disambiguates an agent name used in several projects. */
                project_id?: string | null;
            };
            header?: never;
            path: {
                agent: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AgentClone"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentPublic"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_credentials_api_v1_agents__agent__credentials_get: {
        parameters: {
            query?: {
                /** @description Disambiguates an agent name used in several projects. */
                project_id?: string | null;
            };
            header?: never;
            path: {
                agent: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CredentialPublic"][];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    put_credential_api_v1_agents__agent__credentials__name__put: {
        parameters: {
            query?: {
                /** @description Disambiguates an agent name used in several projects. */
                project_id?: string | null;
            };
            header?: never;
            path: {
                agent: string;
                /** @description Letters, digits, _ . - */
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CredentialPut"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CredentialPublic"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    delete_credential_api_v1_agents__agent__credentials__name__delete: {
        parameters: {
            query?: {
                /** @description Disambiguates an agent name used in several projects. */
                project_id?: string | null;
            };
            header?: never;
            path: {
                agent: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    deploy_agent_api_v1_agents__agent__deploy_post: {
        parameters: {
            query?: {
                /** @description Disambiguates an agent name used in several projects. */
                project_id?: string | null;
            };
            header?: never;
            path: {
                agent: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["LifecycleRequest"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentPublic"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    read_health_api_v1_agents__agent__health_get: {
        parameters: {
            query?: {
                /** @description `next_cursor` of the previous page. */
                cursor?: string | null;
                /** @description Page size. */
                limit?: number;
                project_id?: string | null;
            };
            header?: never;
            path: {
                agent: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentHealthReport"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    agent_kpis_api_v1_agents__agent__kpis_get: {
        parameters: {
            query?: {
                project_id?: string | null;
                since?: string | null;
                until?: string | null;
                /** @description Only this agent version. */
                version?: string;
                /** @description 15m, 1h, 24h, 7d, 30d… (default 24h) */
                window?: string | null;
            };
            header?: never;
            path: {
                agent: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentKpis"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    maintenance_agent_api_v1_agents__agent__maintenance_post: {
        parameters: {
            query?: {
                /** @description Disambiguates an agent name used in several projects. */
                project_id?: string | null;
            };
            header?: never;
            path: {
                agent: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["LifecycleRequest"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentPublic"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    pause_agent_api_v1_agents__agent__pause_post: {
        parameters: {
            query?: {
                /** @description Disambiguates an agent name used in several projects. */
                project_id?: string | null;
            };
            header?: never;
            path: {
                agent: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["LifecycleRequest"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentPublic"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    provision_agent_api_v1_agents__agent__provision_post: {
        parameters: {
            query?: {
                /** @description Disambiguates an agent name used in several projects. */
                project_id?: string | null;
            };
            header?: never;
            path: {
                agent: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["LifecycleRequest"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentPublic"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    quarantine_agent_api_v1_agents__agent__quarantine_post: {
        parameters: {
            query?: {
                /** @description Disambiguates an agent name used in several projects. */
                project_id?: string | null;
            };
            header?: never;
            path: {
                agent: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["LifecycleRequest"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentPublic"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    resume_agent_api_v1_agents__agent__resume_post: {
        parameters: {
            query?: {
                /** @description Disambiguates an agent name used in several projects. */
                project_id?: string | null;
            };
            header?: never;
            path: {
                agent: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["LifecycleRequest"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentPublic"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    retire_agent_api_v1_agents__agent__retire_post: {
        parameters: {
            query?: {
                /** @description Disambiguates an agent name used in several projects. */
                project_id?: string | null;
            };
            header?: never;
            path: {
                agent: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["LifecycleRequest"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentPublic"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    read_security_api_v1_agents__agent__security_get: {
        parameters: {
            query?: {
                /** @description `next_cursor` of the previous page. */
                cursor?: string | null;
                /** @description Page size. */
                limit?: number;
                project_id?: string | null;
            };
            header?: never;
            path: {
                agent: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentSecurityReport"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    read_status_api_v1_agents__agent__status_get: {
        parameters: {
            query?: {
                /** @description Disambiguates an agent name used in several projects. */
                project_id?: string | null;
            };
            header?: never;
            path: {
                agent: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentStatus"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_versions_api_v1_agents__agent__versions_get: {
        parameters: {
            query?: {
                /** @description `next_cursor` of the previous page. */
                cursor?: string | null;
                /** @description Page size. */
                limit?: number;
                /** @description Disambiguates an agent name used in several projects. */
                project_id?: string | null;
            };
            header?: never;
            path: {
                agent: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_VersionPublic_"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    create_version_api_v1_agents__agent__versions_post: {
        parameters: {
            query?: {
                /** @description Disambiguates an agent name used in several projects. */
                project_id?: string | null;
            };
            header?: never;
            path: {
                agent: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VersionCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VersionPublic"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    read_version_api_v1_agents__agent__versions__version__get: {
        parameters: {
            query?: {
                /** @description Disambiguates an agent name used in several projects. */
                project_id?: string | null;
            };
            header?: never;
            path: {
                agent: string;
                version: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VersionPublic"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    bulk_api_v1_agents_bulk_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BulkRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BulkResult"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    create_from_template_api_v1_agents_from_template_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AgentFromTemplate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentPublic"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_channels_api_v1_alert_channels_get: {
        parameters: {
            query?: {
                /** @description `next_cursor` of the previous page. */
                cursor?: string | null;
                /** @description Page size. */
                limit?: number;
                organization_id?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_AlertChannelPublic_"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    create_channel_api_v1_alert_channels_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AlertChannelCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertChannelCreated"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    read_channel_api_v1_alert_channels__channel_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                channel_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertChannelPublic"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    update_channel_api_v1_alert_channels__channel_id__put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                channel_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AlertChannelUpdate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertChannelPublic"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    delete_channel_api_v1_alert_channels__channel_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                channel_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_deliveries_api_v1_alert_channels__channel_id__deliveries_get: {
        parameters: {
            query?: {
                /** @description `next_cursor` of the previous page. */
                cursor?: string | null;
                /** @description Page size. */
                limit?: number;
            };
            header?: never;
            path: {
                channel_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_DeliveryPublic_"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    test_channel_api_v1_alert_channels__channel_id__test_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                channel_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeliveryPublic"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_metrics_api_v1_alert_metrics_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MetricPublic"][];
                };
            };
        };
    };
    list_rules_api_v1_alert_rules_get: {
        parameters: {
            query?: {
                /** @description `next_cursor` of the previous page. */
                cursor?: string | null;
                enabled?: boolean | null;
                /** @description Page size. */
                limit?: number;
                metric?: string | null;
                organization_id?: string | null;
                /** @description A field, or -field for descending. */
                sort?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_AlertRulePublic_"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    create_rule_api_v1_alert_rules_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AlertRuleCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertRulePublic"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    read_rule_api_v1_alert_rules__rule_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                rule_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertRulePublic"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    update_rule_api_v1_alert_rules__rule_id__put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                rule_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AlertRuleUpdate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertRulePublic"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    delete_rule_api_v1_alert_rules__rule_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                rule_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    evaluate_now_api_v1_alert_rules_evaluate_post: {
        parameters: {
            query?: {
                organization_id?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: number;
                    };
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_alerts_api_v1_alerts_get: {
        parameters: {
            query?: {
                agent_id?: string | null;
                /** @description Categories (any of). */
                category?: components["schemas"]["Category"][] | null;
                /** @description `next_cursor` of the previous page. */
                cursor?: string | null;
                /** @description Page size. */
                limit?: number;
                organization_id?: string | null;
                rule_id?: string | null;
                /** @description Severities (any of). */
                severity?: components["schemas"]["Severity"][] | null;
                since?: string | null;
                /** @description A field, or -field for descending. */
                sort?: string | null;
                /** @description firing, acknowledged, resolved (any of). */
                status?: components["schemas"]["AlertStatus"][] | null;
                until?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_AlertPublic_"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    read_alert_api_v1_alerts__alert_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                alert_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertPublic"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    acknowledge_alert_api_v1_alerts__alert_id__acknowledge_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                alert_id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["AlertAction"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertPublic"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    resolve_alert_api_v1_alerts__alert_id__resolve_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                alert_id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["AlertAction"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertPublic"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    fleet_api_v1_analytics_fleet_get: {
        parameters: {
            query?: {
                organization_id?: string | null;
                project_id?: string | null;
                since?: string | null;
                /** @description name, tasks, tsr, hir, error_rate, latency_p95, cost_usd, cost_per_task or throughput_per_hour; prefix - for descending. */
                sort?: string;
                until?: string | null;
                /** @description 15m, 1h, 24h, 7d, 30d… (default 24h) */
                window?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Fleet"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    providers_api_v1_analytics_providers_get: {
        parameters: {
            query?: {
                organization_id?: string | null;
                project_id?: string | null;
                since?: string | null;
                until?: string | null;
                /** @description 15m, 1h, 24h, 7d, 30d… (default 24h) */
                window?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Providers"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    timeseries_api_v1_analytics_timeseries_get: {
        parameters: {
            query?: {
                agent?: string | null;
                /** @description minute, hour or day */
                bucket?: string;
                /** @description agent, project, version, model or provider */
                group_by?: string | null;
                /** @description tasks, tsr, hir, error_rate, latency_p50/p95/p99, throughput_per_hour, cost_usd, cost_per_task, tokens, input_tokens, output_tokens, spans, span_error_rate, tokens_per_success */
                metric?: string;
                organization_id?: string | null;
                project_id?: string | null;
                since?: string | null;
                until?: string | null;
                /** @description 15m, 1h, 24h, 7d, 30d… (default 24h) */
                window?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Timeseries"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    usage_api_v1_analytics_usage_get: {
        parameters: {
            query?: {
                format?: string;
                /** @description Comma-separated: project, agent, model, day */
                group_by?: string;
                organization_id?: string | null;
                project_id?: string | null;
                since?: string | null;
                until?: string | null;
                /** @description 15m, 1h, 24h, 7d, 30d… (default 24h) */
                window?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Usage"];
                    "text/csv": unknown;
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_api_keys_api_v1_api_keys_get: {
        parameters: {
            query?: {
                agent_id?: string | null;
                /** @description `next_cursor` of the previous page. */
                cursor?: string | null;
                include_revoked?: boolean;
                /** @description Page size. */
                limit?: number;
                project_id?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_ApiKeyPublic_"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    create_api_key_api_v1_api_keys_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ApiKeyCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyCreated"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    revoke_api_key_api_v1_api_keys__key_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                key_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyPublic"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    read_key_limits_api_v1_api_keys__key_id__gateway_limits_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                key_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LimitsPublic"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    put_key_limits_api_v1_api_keys__key_id__gateway_limits_put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                key_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ScopeLimits"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LimitsPublic"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_approvals_api_v1_approvals_get: {
        parameters: {
            query?: {
                agent_id?: string | null;
                /** @description `next_cursor` of the previous page. */
                cursor?: string | null;
                /** @description Page size. */
                limit?: number;
                organization_id?: string | null;
                /** @description Statuses (any of). */
                status?: ("pending" | "approved" | "denied" | "expired")[] | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_dict_str__Any__"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    read_approval_api_v1_approvals__approval_id__get: {
        parameters: {
            query?: {
                /** @description Hold the answer up to this many seconds until decided. */
                wait?: number;
            };
            header?: never;
            path: {
                approval_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    approve_api_v1_approvals__approval_id__approve_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                approval_id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ApprovalAnswer"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    deny_api_v1_approvals__approval_id__deny_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                approval_id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ApprovalAnswer"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    read_attention_api_v1_attention_get: {
        parameters: {
            query?: {
                /** @description How many of the most urgent problems. */
                limit?: number;
                organization_id?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AttentionItem"][];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_audit_api_v1_audit_get: {
        parameters: {
            query?: {
                /** @description An action such as agent.pause, or a prefix: agent.* */
                action?: string | null;
                /** @description An actor's id or label (email, key:<prefix>). */
                actor?: string | null;
                /** @description `next_cursor` of the previous page. */
                cursor?: string | null;
                /** @description Page size. */
                limit?: number;
                organization_id?: string | null;
                project_id?: string | null;
                resource_id?: string | null;
                resource_type?: string | null;
                since?: string | null;
                until?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_AuditEntryPublic_"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    verify_audit_api_v1_audit_verify_get: {
        parameters: {
            query?: {
                organization_id?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChainStatus"][];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    accept_invitation_api_v1_auth_accept_invitation_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InvitationAccept"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserPublic"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    login_api_v1_auth_login_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    logout_api_v1_auth_logout_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    me_api_v1_auth_me_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MePublic"] | components["schemas"]["PrincipalPublic"];
                };
            };
        };
    };
    list_stops_api_v1_emergency_stop_get: {
        parameters: {
            query?: {
                active?: boolean;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    }[];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    engage_stop_api_v1_emergency_stop_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StopRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    release_stop_api_v1_emergency_stop_release_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReleaseRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    }[];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    guard_check_api_v1_guard_check_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "action": "github.merge_pr",
                 *       "arguments": {
                 *         "repo": "acme/api"
                 *       },
                 *       "estimated_cost": 0
                 *     }
                 */
                "application/json": {
                    /** @description The action's name, e.g. github.merge_pr. */
                    action: string;
                    /** @description With a project key: the agent (id or name). */
                    agent?: string;
                    /** @description Its arguments, matched by argument patterns. */
                    arguments?: Record<string, never>;
                    /** @description USD it will spend, for spend caps. */
                    estimated_cost?: number;
                    /** @description The span the action runs under (16 hex). */
                    span_id?: string;
                    /** @description The task's trace (32 hex): the decision is recorded in it as a guard span. */
                    trace_id?: string;
                };
            };
        };
        responses: {
            /** @description `{decision: allow|deny|require_approval, reasons, warnings, approval}` */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The agent is not active, or an emergency stop covers it (problem+json). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ingest_api_v1_ingest_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IngestResult"];
                };
            };
        };
    };
    list_organizations_api_v1_organizations_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrganizationPublic"][];
                };
            };
        };
    };
    create_organization_api_v1_organizations_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OrganizationCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrganizationPublic"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    read_organization_api_v1_organizations__organization_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                organization_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrganizationPublic"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    update_organization_api_v1_organizations__organization_id__patch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                organization_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OrganizationUpdate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrganizationPublic"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_policies_api_v1_policies_get: {
        parameters: {
            query?: {
                /** @description `next_cursor` of the previous page. */
                cursor?: string | null;
                enabled?: boolean | null;
                /** @description Page size. */
                limit?: number;
                organization_id?: string | null;
                /** @description name, updated_at or created_at; -field for descending. */
                sort?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_PolicyPublic_"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    create_policy_api_v1_policies_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PolicyCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PolicyPublic"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    read_policy_api_v1_policies__policy_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                policy_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PolicyPublic"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    update_policy_api_v1_policies__policy_id__put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                policy_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PolicyUpdate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PolicyPublic"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    delete_policy_api_v1_policies__policy_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                policy_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_versions_api_v1_policies__policy_id__versions_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                policy_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    }[];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    simulate_policy_api_v1_policies_simulate_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SimulateRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    read_pricing_api_v1_pricing_get: {
        parameters: {
            query?: {
                model?: string | null;
                organization_id?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PricingPublic"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    replace_pricing_api_v1_pricing_put: {
        parameters: {
            query?: {
                organization_id?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PricingPut"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PricingPublic"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_projects_api_v1_projects_get: {
        parameters: {
            query?: {
                organization_id?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectPublic"][];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    create_project_api_v1_projects_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProjectCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectPublic"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    read_project_api_v1_projects__project_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                project_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectPublic"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    delete_project_api_v1_projects__project_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                project_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    update_project_api_v1_projects__project_id__patch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                project_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProjectUpdate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectPublic"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    read_project_limits_api_v1_projects__project_id__gateway_limits_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                project_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LimitsPublic"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    put_project_limits_api_v1_projects__project_id__gateway_limits_put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                project_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ScopeLimits"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LimitsPublic"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_providers_api_v1_providers_get: {
        parameters: {
            query?: {
                /** @description `next_cursor` of the previous page. */
                cursor?: string | null;
                /** @description Page size. */
                limit?: number;
                organization_id?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_ProviderPublic_"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    create_provider_api_v1_providers_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProviderCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProviderPublic"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    read_provider_api_v1_providers__provider_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                provider_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProviderPublic"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    delete_provider_api_v1_providers__provider_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                provider_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    update_provider_api_v1_providers__provider_id__patch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                provider_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProviderUpdate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProviderPublic"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    provider_health_api_v1_providers__provider_id__health_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                provider_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProviderHealth"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    put_provider_limits_api_v1_providers__provider_id__limits_put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                provider_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProviderLimits"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProviderPublic"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    capabilities_api_v1_providers_capabilities_get: {
        parameters: {
            query?: {
                organization_id?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Capabilities"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    compare_providers_api_v1_providers_compare_get: {
        parameters: {
            query?: {
                organization_id?: string | null;
                project_id?: string | null;
                since?: string | null;
                until?: string | null;
                /** @description 15m, 1h, 24h, 7d, 30d… (default 24h) */
                window?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Compare"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    cost_analysis_api_v1_providers_cost_analysis_get: {
        parameters: {
            query?: {
                organization_id?: string | null;
                project_id?: string | null;
                since?: string | null;
                until?: string | null;
                /** @description 15m, 1h, 24h, 7d, 30d… (default 24h) */
                window?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CostAnalysis"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    test_failover_api_v1_providers_test_failover_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FailoverTest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FailoverResult"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_routes_api_v1_routes_get: {
        parameters: {
            query?: {
                /** @description `next_cursor` of the previous page. */
                cursor?: string | null;
                /** @description Page size. */
                limit?: number;
                organization_id?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_RoutePublic_"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    create_route_api_v1_routes_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RouteCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RoutePublic"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    read_route_api_v1_routes__route_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                route_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RoutePublic"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    delete_route_api_v1_routes__route_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                route_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    update_route_api_v1_routes__route_id__patch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                route_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RouteUpdate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RoutePublic"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    read_session_api_v1_sessions__session_id__get: {
        parameters: {
            query?: {
                organization_id?: string | null;
            };
            header?: never;
            path: {
                session_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    stream_api_v1_stream_get: {
        parameters: {
            query?: {
                agent?: string | null;
                organization_id?: string | null;
                project_id?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    system_health_api_v1_system_health_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SystemHealth"];
                };
            };
        };
    };
    search_traces_api_v1_traces_get: {
        parameters: {
            query?: {
                agent?: string | null;
                /** @description `next_cursor` of the previous page. */
                cursor?: string | null;
                /** @description Page size. */
                limit?: number;
                /** @description Traces costing at least this many USD. */
                min_cost?: number | null;
                min_duration_ms?: number | null;
                model?: string | null;
                organization_id?: string | null;
                project_id?: string | null;
                /** @description Text in a span's name, input or output. */
                q?: string | null;
                session?: string | null;
                since?: string | null;
                /** @description ok or error */
                status?: string | null;
                until?: string | null;
                version?: string;
                /** @description 15m, 1h, 24h, 7d, 30d… (default 24h) */
                window?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TracePage"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    read_trace_api_v1_traces__trace_id__get: {
        parameters: {
            query?: {
                organization_id?: string | null;
            };
            header?: never;
            path: {
                trace_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TraceDetail"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_users_api_v1_users_get: {
        parameters: {
            query?: {
                organization_id?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberPublic"][];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    create_user_api_v1_users_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UserCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserCreated"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    remove_user_api_v1_users__user_id__delete: {
        parameters: {
            query: {
                organization_id: string;
            };
            header?: never;
            path: {
                user_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    update_user_role_api_v1_users__user_id__patch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MembershipUpdate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberPublic"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    metrics_metrics_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    chat_completions_v1_chat_completions_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a project key: the agent (id or name) making the call. Agent keys need none. */
                "X-AMS-Agent"?: string;
            };
            path?: never;
            cookie?: never;
        };
        /** @description An OpenAI chat completion request. `model` is a route alias, `provider/model`, or a provider's model. */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "messages": [
                 *         {
                 *           "content": "Hello",
                 *           "role": "user"
                 *         }
                 *       ],
                 *       "model": "gpt-4o-mini",
                 *       "stream": false
                 *     }
                 */
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description application/problem+json, with OpenAI's `error` object inside. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description OpenAI's answer shape (or an SSE stream with `stream: true`). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    embeddings_v1_embeddings_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a project key: the agent (id or name) making the call. Agent keys need none. */
                "X-AMS-Agent"?: string;
            };
            path?: never;
            cookie?: never;
        };
        /** @description An OpenAI embeddings request. */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "input": [
                 *         "Hello"
                 *       ],
                 *       "model": "text-embedding-3-small"
                 *     }
                 */
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description application/problem+json, with OpenAI's `error` object inside. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description OpenAI's answer shape (or an SSE stream with `stream: true`). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    models_v1_models_get: {
        parameters: {
            query?: never;
            header?: {
                /** @description With a project key: the agent (id or name) making the call. Agent keys need none. */
                "X-AMS-Agent"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    otlp_traces_v1_traces_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
        };
    };
}
