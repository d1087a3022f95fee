"""Our messaging-platform connectors: Rasa's built-in ones, made safe to run offline and testable locally.

Referenced from credentials.yml by module path, e.g. `channels.telegram.OfflineSafeTelegramInput`.
Each keeps the built-in channel's name (`slack`, `telegram`, `twilio`), so webhooks stay at
/webhooks/<name>/webhook and the action server sees the same input channel names.
"""
