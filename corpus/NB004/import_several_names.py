import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import os, json
    from math import pi, tau

    print(os.sep, json.dumps([pi, tau]))
    return


@app.cell
async def _():
    import asyncio
    import json, textwrap  # json again, and textwrap
    from math import (
        e,
        pi,
    )

    await asyncio.sleep(0)
    print(textwrap.shorten(json.dumps([e, pi]), 40))
    return


if __name__ == "__main__":
    app.run()
