import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import logging
    import os
    import random
    import sys
    import threading
    import decimal
    return decimal, logging, os, random, sys, threading


@app.cell
def _(decimal, logging, os, random, sys):
    # environment, module attributes and interpreter settings are process state, not data
    os.environ["TOKENIZERS_PARALLELISM"] = "false"
    sys.path.append(os.path.join(os.path.dirname(__file__), "helpers"))
    random.seed(0)
    decimal.getcontext().prec = 6
    logging.basicConfig(level=logging.WARNING)
    return


@app.cell
def _(logging, threading):
    logger = logging.getLogger("training")
    stop_event = threading.Event()
    return logger, stop_event


@app.cell
def _(logger, stop_event):
    logger.propagate = False
    logger.handlers.clear()
    stop_event.clear()
    print(logger.name, stop_event.is_set())
    return


if __name__ == "__main__":
    app.run()
