using PhyToolkit.Core.Random;

namespace PhyToolkit.Learning.Federated;

/// <summary>
/// Generated data sets of docs/ota-fl.md ([Proposed]; no downloads). All draws come from the given seed.
/// </summary>
public static class SyntheticDatasets
{
    /// <summary>
    /// D1: binary logistic data. Features N(0, I_d); a fixed random <c>w*</c> (N(0, I) direction, norm
    /// <paramref name="teacherNorm"/>, our choice 3); label <c>1{w*.x &gt; 0}</c> flipped with probability
    /// <paramref name="labelNoise"/> (10%). Split IID: <paramref name="workers"/> x <paramref name="samplesPerWorker"/>
    /// training samples, plus <paramref name="testSamples"/> test samples (our choice 2000).
    /// </summary>
    public static SyntheticTask LogisticD1(ulong seed, int workers = 10, int samplesPerWorker = 500, int dimension = 20,
        double labelNoise = 0.1, int testSamples = 2000, double teacherNorm = 3)
    {
        if (workers < 1) throw new ArgumentOutOfRangeException(nameof(workers), workers, "workers must be >= 1");
        if (samplesPerWorker < 1) throw new ArgumentOutOfRangeException(nameof(samplesPerWorker), samplesPerWorker, "samplesPerWorker must be >= 1");
        if (dimension < 1) throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "dimension must be >= 1");
        if (!(labelNoise >= 0 && labelNoise < 0.5)) throw new ArgumentOutOfRangeException(nameof(labelNoise), labelNoise, "labelNoise must be in [0, 0.5)");
        if (testSamples < 1) throw new ArgumentOutOfRangeException(nameof(testSamples), testSamples, "testSamples must be >= 1");
        if (!double.IsFinite(teacherNorm) || teacherNorm <= 0) throw new ArgumentOutOfRangeException(nameof(teacherNorm), teacherNorm, "teacherNorm must be finite and > 0");
        var rng = new Xoshiro256StarStar(SeedMixer.Mix(seed, RandomStreams.Data));
        var w = new double[dimension];
        double norm = 0;
        for (int j = 0; j < dimension; j++) { w[j] = rng.NextGaussian(); norm += w[j] * w[j]; }
        for (int j = 0; j < dimension; j++) w[j] *= teacherNorm / Math.Sqrt(norm);
        LabeledDataset Make(int n, ref Xoshiro256StarStar r)
        {
            var x = new double[n * dimension];
            var y = new int[n];
            for (int i = 0; i < n; i++)
            {
                double z = 0;
                for (int j = 0; j < dimension; j++) { double v = r.NextGaussian(); x[i * dimension + j] = v; z += w[j] * v; }
                int label = z > 0 ? 1 : 0;
                if (r.NextDouble() < labelNoise) label = 1 - label;
                y[i] = label;
            }
            return new LabeledDataset(x, y, dimension, 2);
        }
        var train = Make(workers * samplesPerWorker, ref rng);
        var test = Make(testSamples, ref rng);
        var parts = new IidPartitioner().Partition(train.Labels, 2, workers, SeedMixer.Mix(seed, RandomStreams.Partition));
        return new SyntheticTask(train, test, parts);
    }

    /// <summary>
    /// D2: C-class Gaussian mixture, class means uniformly random on the sphere of radius <paramref name="meanRadius"/>
    /// (3) in d = 20, unit covariance, labels uniform; 5000 train / 2000 test; split across workers with
    /// <paramref name="partitioner"/> (default Dirichlet(0.5) with minimum 10 samples).
    /// </summary>
    public static SyntheticTask GaussianMixtureD2(ulong seed, int workers = 10, int trainSamples = 5000, int testSamples = 2000,
        int dimension = 20, int classes = 10, double meanRadius = 3, IDataPartitioner? partitioner = null)
    {
        if (workers < 1) throw new ArgumentOutOfRangeException(nameof(workers), workers, "workers must be >= 1");
        if (trainSamples < workers) throw new ArgumentOutOfRangeException(nameof(trainSamples), trainSamples, "trainSamples must be >= workers");
        if (testSamples < 1) throw new ArgumentOutOfRangeException(nameof(testSamples), testSamples, "testSamples must be >= 1");
        if (dimension < 1) throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "dimension must be >= 1");
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), classes, "classes must be >= 2");
        if (!double.IsFinite(meanRadius) || meanRadius <= 0) throw new ArgumentOutOfRangeException(nameof(meanRadius), meanRadius, "meanRadius must be finite and > 0");
        var rng = new Xoshiro256StarStar(SeedMixer.Mix(seed, RandomStreams.Data));
        var means = new double[classes * dimension];
        for (int c = 0; c < classes; c++)
        {
            double n2 = 0;
            for (int j = 0; j < dimension; j++) { double v = rng.NextGaussian(); means[c * dimension + j] = v; n2 += v * v; }
            double s = meanRadius / Math.Sqrt(n2);
            for (int j = 0; j < dimension; j++) means[c * dimension + j] *= s;
        }
        LabeledDataset Make(int n, ref Xoshiro256StarStar r)
        {
            var x = new double[n * dimension];
            var y = new int[n];
            for (int i = 0; i < n; i++)
            {
                int c = r.NextInt(classes);
                y[i] = c;
                for (int j = 0; j < dimension; j++) x[i * dimension + j] = means[c * dimension + j] + r.NextGaussian();
            }
            return new LabeledDataset(x, y, dimension, classes);
        }
        var train = Make(trainSamples, ref rng);
        var test = Make(testSamples, ref rng);
        var parts = (partitioner ?? new DirichletPartitioner(0.5)).Partition(train.Labels, classes, workers, SeedMixer.Mix(seed, RandomStreams.Partition));
        return new SyntheticTask(train, test, parts);
    }
}
