#!/usr/bin/env python3
"""Subscribes to a WedSync node's topic over the wedsync.v1 protocol and prints each event as it arrives.

Usage: ws_subscribe.py URL [--topic events] [--since -1] [--count N] [--filter JSON]
The token is read from $WEDSYNC_TOKEN (never from the command line, which other users can see).
Needs the `websockets` package (Debian: python3-websockets).
"""
import argparse
import asyncio
import json
import os
import sys

import websockets


async def run(args):
    token = os.environ.get("WEDSYNC_TOKEN", "")
    headers = {"Authorization": "Bearer " + token} if token else {}
    async with websockets.connect(args.url, subprotocols=["wedsync.v1"], extra_headers=headers,
                                  max_size=None) as ws:
        hello = json.loads(await ws.recv())
        print(f"hello node={hello.get('node')} role={hello.get('role')} last_seq={hello.get('last_seq')}", flush=True)
        sub = {"type": "subscribe", "id": "s", "topics": [args.topic], "since": args.since}
        if args.filter:
            sub["filter"] = json.loads(args.filter)
        await ws.send(json.dumps(sub))
        seen = 0
        async for text in ws:
            frame = json.loads(text)
            kind = frame.get("type")
            if kind == "result" and frame.get("id") == "s":
                if not frame.get("ok"):
                    print("refused", frame["error"]["code"], frame["error"]["message"], flush=True)
                    return 1
                print("subscribed", json.dumps(frame["data"]["heads"]), flush=True)
            elif kind == "event":
                data = frame["data"]
                print(f"event seq={frame['seq']} type={data.get('event_type')} source={data.get('source')}",
                      flush=True)
                seen += 1
                if args.count and seen >= args.count:
                    return 0
            elif kind == "lagged":
                print(f"lagged {frame['from']}..{frame['to']}", flush=True)
    return 0


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("url")
    p.add_argument("--topic", default="events")
    p.add_argument("--since", type=int, default=-1)
    p.add_argument("--count", type=int, default=0, help="exit after this many events (0: run until closed)")
    p.add_argument("--filter", default="")
    args = p.parse_args()
    try:
        return asyncio.run(run(args))
    except websockets.exceptions.InvalidStatusCode as e:
        print("refused: HTTP", e.status_code, flush=True)
        return 2
    except websockets.exceptions.ConnectionClosedError as e:
        print(f"closed: {e.code} {e.reason}", flush=True)
        return 2


if __name__ == "__main__":
    sys.exit(main())
