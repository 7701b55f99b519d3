namespace PhyToolkit.Learning.Federated;

/// <summary>Generated data sets of docs/ota-fl.md</summary>
public enum OtaFlDataSet
{
    /// <summary>D1: binary logistic regression, d = 20 (+bias), IID split.</summary>
    D1Logistic,

    /// <summary>D2: 10-class Gaussian mixture, softmax regression, Dirichlet(alpha) split.</summary>
    D2GaussianMixture,
}
