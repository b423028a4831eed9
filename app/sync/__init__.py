"""The client's link to the server: REST calls, live events, the local cache, the keyring and the outbox.

No Qt here: `app.ui` wraps `SyncService` and marshals its listener callbacks onto the GUI thread.
Public entry points: `SyncService` (service.py), `ApiClient` (api_client.py), `CredentialStore`
(credentials.py) and the `SyncError` family (errors.py).
"""
