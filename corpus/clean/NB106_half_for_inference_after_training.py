# nbfix-corpus: requires=torch
import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import torch

    torch.manual_seed(0)
    return (torch,)


@app.cell
def _(torch):
    model = torch.nn.Linear(8, 1)
    return (model,)


@app.cell
def _(model, torch):
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    for _ in range(3):
        loss = model(torch.randn(4, 8)).pow(2).mean()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    trained = loss.item()
    return (trained,)


@app.cell
def _(model, torch, trained):
    # after training: halve the weights to serve the model
    print(f"trained to {trained:.3f}")
    model.half()
    with torch.no_grad():
        served = model(torch.randn(2, 8, dtype=torch.float16))
    print(served.dtype)
    return


@app.cell
def _(torch):
    # an inference-only float16 model, with an optimizer that is never stepped
    ranker = torch.nn.Linear(8, 1).half()
    unused = torch.optim.SGD(ranker.parameters(), lr=0.1)
    with torch.no_grad():
        print(ranker(torch.randn(2, 8, dtype=torch.float16)).shape, len(unused.param_groups))
    return


if __name__ == "__main__":
    app.run()
