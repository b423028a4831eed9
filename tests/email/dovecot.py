"""A real dovecot IMAP server on a free loopback port, with a temp config, passwd file and maildir.

Used by the e-mail tests and by `benchmarks.email_ingest`. Messages are delivered with IMAP APPEND.
"""

from __future__ import annotations

import imaplib
import os
import pwd
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from tests.fixtures.ports import free_port, wait_for_port

DOVECOT = "/usr/sbin/dovecot"

CONFIG = """\
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = {internal_user}
default_internal_group = {internal_group}
default_login_user = {login_user}
mail_location = maildir:~/Maildir
first_valid_uid = 1
mail_fsync = never
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
  chroot =
}}
service anvil {{
  chroot =
}}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={mail_user} gid={mail_group} home={root}/home/%u
}}
"""


def available() -> bool:
    return os.path.exists(DOVECOT)


@dataclass
class Dovecot:
    root: Path
    port: int
    user: str
    password: str

    def connect(self) -> imaplib.IMAP4:
        conn = imaplib.IMAP4("127.0.0.1", self.port, timeout=30)
        conn.authenticate("PLAIN", lambda _: f"\0{self.user}\0{self.password}".encode())
        return conn

    def append(self, *raws: bytes, folder: str = "INBOX") -> None:
        """Delivers messages into the mailbox as a mail server would."""
        conn = self.connect()
        try:
            for raw in raws:
                status, data = conn.append(folder, None, None, raw)
                assert status == "OK", data
        finally:
            conn.logout()

    def stop(self) -> None:
        pid_file = self.root / "run" / "master.pid"
        if pid_file.exists():
            pid = int(pid_file.read_text().strip())
            try:
                os.kill(pid, signal.SIGTERM)
                for _ in range(100):
                    os.kill(pid, 0)
                    time.sleep(0.05)
            except ProcessLookupError:
                pass
        shutil.rmtree(self.root, ignore_errors=True)


def start(user: str = "support@example.test", password: str = "imap-pass-测试-1") -> Dovecot:
    root = Path(tempfile.mkdtemp(prefix="huitong-dovecot-"))
    os.chmod(root, 0o755)
    for sub in ("run", "state", "home"):
        (root / sub).mkdir()
    if os.geteuid() == 0:  # dovecot refuses root for mail and login processes
        internal, internal_group, login = "dovecot", "dovecot", "dovenull"
        mail = pwd.getpwnam("dovecot")
        os.chown(root / "home", mail.pw_uid, mail.pw_gid)
        mail_user, mail_group = "dovecot", "dovecot"
    else:
        me = pwd.getpwuid(os.getuid())
        internal = login = mail_user = me.pw_name
        internal_group = mail_group = str(os.getgid())
    port = free_port()
    (root / "passwd").write_text(f"{user}:{{PLAIN}}{password}\n")
    (root / "dovecot.conf").write_text(CONFIG.format(
        root=root, port=port, internal_user=internal, internal_group=internal_group, login_user=login,
        mail_user=mail_user, mail_group=mail_group))
    with open(root / "start.log", "wb") as log:  # the daemon keeps no pipe of ours open
        subprocess.run([DOVECOT, "-c", str(root / "dovecot.conf")], check=True, stdin=subprocess.DEVNULL,
                       stdout=log, stderr=log, timeout=30)
    wait_for_port(port)
    return Dovecot(root, port, user, password)
