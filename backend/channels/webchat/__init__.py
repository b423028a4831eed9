"""Web chat: the embeddable widget's visitors, signed ids, messages over a WebSocket, attachments, ratings."""
