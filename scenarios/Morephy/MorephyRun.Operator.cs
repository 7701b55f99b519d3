using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Random;
using PhyToolkit.Learning.PhysicsInformed;
using PhyToolkit.Optimization.Sampling;

namespace PhyToolkit.Scenarios.Morephy;

/// <summary>The operator-learning studies: forward (five arms at every noise level) and inverse (ν trainable).</summary>
internal sealed partial class MorephyRun
{
    public const string Operator = "operator", Inverse = "inverse";

    /// <summary>Slice times of the figure, as indices into the output times: ¼, ½ and the end of the horizon.</summary>
    public static int[] SliceTimes(MorephyParameters p) => [(p.TimePoints - 1) / 4, (p.TimePoints - 1) / 2, p.TimePoints - 1];

    /// <summary>Curve step of a noise level: the level in per mille (5 % → 50).</summary>
    public static int NoiseStep(double noise) => (int)Math.Round(noise * 1000);

    /// <summary>The noise level shown in the slice and history figures: the one closest to the inverse problem's level.</summary>
    public static double FigureNoise(MorephyParameters p) => p.NoiseLevels.OrderBy(x => Math.Abs(x - p.InverseNoise)).ThenBy(x => x).First();

    /// <summary>The PI-DON weight shown in the slice figure: the one closest to 1.</summary>
    public static double FigureWeight(MorephyParameters p) => p.PhysicsWeights.OrderBy(w => Math.Abs(Math.Log(w))).ThenBy(w => w).First();

    /// <summary>Metric name of a fixed-weight PI-DON arm.</summary>
    public static string PiDon(string metric, double weight) => $"{metric}-w{weight.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}";

    private BurgersSolverOptions OperatorSolver => new() { ViscosityNu = P.OperatorViscosity, GridPoints = P.OperatorGridPoints, TimeStep = P.OperatorTimeStep };

    private DeepONetOptions NetOptions => new() { Sensors = P.Sensors, HiddenWidth = P.HiddenWidth, Latent = P.Latent, FourierFeatures = P.FourierFeatures };

    private MorephyTrainer Trainer => new(new MorephyOptions
    {
        PopulationSize = P.MorephyPopulation, Generations = P.MorephyGenerations, LocalSteps = P.LocalSteps, StepSize = P.StepSize,
        BatchFunctions = P.BatchFunctions, CollocationPoints = P.CollocationPoints, ValidationFunctions = P.BatchFunctions,
        PosteriorSteps = P.PosteriorSteps, PosteriorThinning = P.PosteriorThinning,
    });

    /// <summary>Baseline Adam steps: as many sequential steps as each Morephy-Net replica takes (G·L_s).</summary>
    public int AdamSteps => P.MorephyGenerations * P.LocalSteps;

    // The test set is the same for every seed (so that slices and errors are comparable across seeds): every
    // (N/m)-th grid point at every output time of every test function.
    private (BurgersOperatorDataset Test, double[] Coords, double[] Reference, int Nx) TestGrid()
    {
        var test = BurgersOperatorDataset.Generate(P.TestFunctions, P.Sensors, 1, 0, OperatorSolver, P.TimePoints, P.FinalTime, SeedMixer.Mix(MasterSeed, 0x7E57));
        int n = test.GridPoints, t = test.Times.Length, stride = n / P.Sensors, nx = n / stride;
        var coords = new double[P.TestFunctions * t * nx * 2];
        var reference = new double[P.TestFunctions * t * nx];
        int q = 0;
        for (int f = 0; f < P.TestFunctions; f++)
            for (int r = 0; r < t; r++)
                for (int j = 0; j < n; j += stride, q++)
                {
                    coords[2 * q] = (double)j / n;
                    coords[2 * q + 1] = test.Times[r];
                    reference[q] = test.Solutions[(f * t + r) * n + j];
                }
        return (test, coords, reference, nx);
    }

    private ulong DataSeed(int block) => SeedMixer.Mix(SeedMixer.Mix(MasterSeed, (ulong)block), 0x0DA7A);

    // One seed: the same inputs, observation positions and noise draws (scaled) at every noise level, and the same
    // initialisation for every arm, so that every comparison is paired.
    private void ForwardBlock(int block, MetricSink sink)
    {
        ulong dataSeed = DataSeed(block), trainSeed = SeedMixer.Mix(dataSeed, 0x7EA1);
        var (test, coords, reference, nx) = TestGrid();
        var net = new DeepONet(NetOptions, SeedMixer.Mix(dataSeed, 0xF0));
        var theta0 = net.InitialParameters(SeedMixer.Mix(trainSeed, 0x1417));    // = MorephyTrainer's initialisation for trainSeed
        double previousWidth = double.NaN;
        foreach (double noise in P.NoiseLevels.OrderBy(x => x))
        {
            int step = NoiseStep(noise);
            var data = BurgersOperatorDataset.Generate(P.TrainFunctions, P.Sensors, P.Observations, noise, OperatorSolver, P.TimePoints, P.FinalTime, dataSeed);
            double[] Adam(double physicsWeight)
            {
                var energy = new PhysicsInformedBurgersEnergy(net, data, P.OperatorViscosity, Math.Min(P.BatchFunctions, data.Functions), P.CollocationPoints,
                    1, physicsWeight, physicsWeight);
                var th = (double[])theta0.Clone();
                StochasticAdam.Minimize(energy, th, AdamSteps, P.AdamLearningRate, SeedMixer.Mix(trainSeed, 0xADA));
                return net.Predict(th, test.SensorValues, coords);
            }
            var don = Adam(0);
            double errDon = PosteriorPredictive.RelativeL2(don, reference);
            sink.AddAt("errDeepONet", step, errDon);

            var result = Trainer.Train(net, data, P.OperatorViscosity, trainSeed);
            var bands = PosteriorPredictive.Bands(net, result.PosteriorSamples, result.Dimension, test.SensorValues, coords);
            double errMorephy = PosteriorPredictive.RelativeL2(bands.Mean, reference);
            double width = bands.MeanWidth();
            sink.AddAt("errMorephy", step, errMorephy);
            sink.AddAt("diffMorephyDeepONet", step, errMorephy - errDon);
            sink.AddAt("coverage", step, bands.Coverage(reference));
            sink.AddAt("width", step, width);
            if (!double.IsNaN(previousWidth)) sink.AddAt("widthIncrease", step, width - previousWidth);
            previousWidth = width;
            sink.AddAt("swapRate", step, double.IsNaN(result.SwapRate) ? 0 : result.SwapRate);
            sink.AddAt("rejectedPhases", step, result.RejectedPhases);
            sink.AddAt("stepBackoff", step, result.StepBackoff);
            sink.AddAt("kneeDataWeight", step, result.DataWeights[result.KneeIndex]);
            sink.AddAt("frontSize", step, result.ParetoFront.Length);

            double[]? figurePiDon = null;
            foreach (double w in P.PhysicsWeights)
            {
                var pi = Adam(w);
                double err = PosteriorPredictive.RelativeL2(pi, reference);
                sink.AddAt(PiDon("errPiDon", w), step, err);
                sink.AddAt(PiDon("diffPiDonDeepONet", w), step, err - errDon);
                sink.AddAt(PiDon("diffMorephyPiDon", w), step, errMorephy - err);
                if (w == FigureWeight(P)) figurePiDon = pi;
            }

            if (noise != FigureNoise(P)) continue;
            for (int g = 0; g < result.History.Length / 2; g++)
            {
                sink.AddAt("historyData", g, result.History[2 * g]);
                sink.AddAt("historyPhysics", g, result.History[2 * g + 1]);
            }
            if (block != 0) continue;
            // Slices of test function 0 at three times (block 0 only: one seed's prediction, not an average).
            var slices = SliceTimes(P);
            for (int s = 0; s < slices.Length; s++)
                for (int j = 0; j < nx; j++)
                {
                    int q = slices[s] * nx + j, at = s * nx + j;
                    sink.AddAt("sliceReference", at, reference[q]);
                    sink.AddAt("sliceMorephy", at, bands.Mean[q]);
                    sink.AddAt("sliceLow", at, bands.Lower[q]);
                    sink.AddAt("sliceHigh", at, bands.Upper[q]);
                    sink.AddAt("sliceDeepONet", at, don[q]);
                    sink.AddAt("slicePiDon", at, figurePiDon![q]);
                }
        }
    }

    // Inverse problem: ν unknown (start InverseInitialViscosity), sampled with θ as log ν; the knee's posterior of ν.
    private void InverseBlock(int block, MetricSink sink)
    {
        ulong dataSeed = DataSeed(block), trainSeed = SeedMixer.Mix(dataSeed, 0x1A5E);
        var data = BurgersOperatorDataset.Generate(P.TrainFunctions, P.Sensors, P.Observations, P.InverseNoise, OperatorSolver, P.TimePoints, P.FinalTime, dataSeed);
        var net = new DeepONet(NetOptions, SeedMixer.Mix(dataSeed, 0xF0));
        var result = Trainer.Train(net, data, P.InverseInitialViscosity, trainSeed, trainableViscosity: true);
        var nu = result.ViscositySamples();
        double mean = nu.Average();
        var (low, high) = PosteriorPredictive.QuantileInterval(nu);
        double truth = P.OperatorViscosity;
        sink.Add("nuMean", mean);
        sink.Add("nuRelativeError", Math.Abs(mean - truth) / truth);
        sink.Add("nuContains", low <= truth && truth <= high ? 1 : 0);
        sink.Add("nuWidth", high - low);
        sink.Add("rejectedPhases", result.RejectedPhases);
        sink.AddAt("nuMeanBySeed", block, mean);
        sink.AddAt("nuLowBySeed", block, low);
        sink.AddAt("nuHighBySeed", block, high);
    }
}
