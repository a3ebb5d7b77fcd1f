#!/usr/bin/python3
"""Print a cover letter's subject and text, without the parts git makes.

usage: cover-text.py vN-0000-cover-letter.patch

The output is what `git format-patch --cover-from-description=subject`
expects as branch description: the subject line, a blank line, the text
up to the shortlog.
"""
import email
import re
import sys

with open(sys.argv[1]) as f:
    msg = email.message_from_file(f)
subject = re.sub(r"\s+", " ", msg["Subject"])
subject = re.sub(r"^\[[^]]*\]\s*", "", subject)
body = msg.get_payload()
out = []
for line in body.splitlines():
    # git's shortlog starts with "Author Name (N):".
    if re.match(r"^\S.* \(\d+\):$", line):
        break
    out.append(line)
print(subject + "\n\n" + "\n".join(out).strip())
