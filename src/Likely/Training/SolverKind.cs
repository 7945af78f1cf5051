namespace Likely.Training;

/// <summary>How the cross-entropy is minimized.</summary>
public enum SolverKind
{
    /// <summary>Minibatch steps of the chosen <see cref="OptimizerKind"/> over shuffled rows, epoch after epoch.</summary>
    Minibatch,

    /// <summary>Full-batch L-BFGS on the convex penalized objective of softmax regression (scikit-learn's <c>lbfgs</c> solver).</summary>
    Lbfgs,
}
