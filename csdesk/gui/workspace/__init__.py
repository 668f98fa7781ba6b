"""The agent's workspace: search, result list, preview, customer panel, SOP view, palette and the copy flow."""
