import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import logging
    import re

    logger = logging.getLogger("trainer")
    step = 10
    digits = 3
    return logger, logging, re, step


@app.cell
def _(logger, logging, step):
    # logging formats with %, and a `{`-style Formatter fills the braces itself
    logging.info("step {step} done")
    logger.warning("step {step} is slow")
    logger.debug("%s steps so far ({step})", step)
    formatter = logging.Formatter("{asctime} {levelname}: {message} (digits={digits})", style="{")
    print(type(formatter).__name__)
    return


@app.cell
def _(re):
    # regex quantifiers look like fields
    checkpoint = re.compile(r"ckpt-[0-9]{digits}")
    print(bool(checkpoint.match("ckpt-123")))
    step_pattern = "step-{step}"
    print(re.search(step_pattern, "step-{step}") is not None)
    print(re.sub("x{step}", "-", "ax{step}b"))
    return


if __name__ == "__main__":
    app.run()
