namespace PhyToolkit.Learning.Unlearning.Evaluation;

/// <summary>
/// The metrics of the shared unlearning evaluation (docs/unlearning-puf.md, "Evaluation kit"): accuracies, the Yeom
/// loss-threshold membership attack, the per-class threshold attack on the modified entropy, output divergences and
/// weight distance to the retrained reference. Every function is a plain formula on <see cref="ClassifierOutputs"/>.
/// </summary>
public static class UnlearningMetrics
{
    /// <summary>Acc = (1/n) sum 1[argmax p = y] (0 on an empty set is refused).</summary>
    public static double Accuracy(ClassifierOutputs o)
    {
        NonEmpty(o);
        int k = 0;
        for (int i = 0; i < o.Count; i++) if (o.Predicted(i) == o.Labels[i]) k++;
        return (double)k / o.Count;
    }

    /// <summary>Mean cross-entropy (1/n) sum -log p_y.</summary>
    public static double MeanLoss(ClassifierOutputs o)
    {
        NonEmpty(o);
        double s = 0;
        for (int i = 0; i < o.Count; i++) s += o.Loss(i);
        return s / o.Count;
    }

    /// <summary>
    /// Yeom et al. (CSF 2018) loss-threshold attack as in the PUF evaluation: the fraction of <paramref name="target"/>
    /// predicted member, <c>l(x, y) &lt;= tau</c>, with <c>tau</c> = <paramref name="threshold"/> (the mean loss on D_r).
    /// </summary>
    public static double YeomMemberRate(ClassifierOutputs target, double threshold)
    {
        NonEmpty(target);
        int k = 0;
        for (int i = 0; i < target.Count; i++) if (target.Loss(i) <= threshold) k++;
        return (double)k / target.Count;
    }

    /// <summary>Membership advantage TPR - FPR of the Yeom attack with threshold tau = mean member loss: member rate on
    /// <paramref name="members"/> minus member rate on <paramref name="nonMembers"/> (Yeom et al., CSF 2018, Def. 4).</summary>
    public static double YeomAdvantage(ClassifierOutputs members, ClassifierOutputs nonMembers)
    {
        double tau = MeanLoss(members);
        return YeomMemberRate(members, tau) - YeomMemberRate(nonMembers, tau);
    }

    /// <summary>
    /// Modified entropy of Song and Mittal (USENIX Security 2021):
    /// <c>Mentr = -(1 - p_y) log p_y - sum_{c != y} p_c log(1 - p_c)</c>; small for confidently correct (member-like) samples.
    /// Logs are floored at 1e-300.
    /// </summary>
    public static double ModifiedEntropy(ReadOnlySpan<double> p, int y)
    {
        double s = -(1 - p[y]) * Math.Log(Math.Max(p[y], 1e-300));
        for (int c = 0; c < p.Length; c++)
            if (c != y) s -= p[c] * Math.Log(Math.Max(1 - p[c], 1e-300));
        return s;
    }

    /// <summary>
    /// Per-class threshold attack on the modified entropy (the black-box benchmark pattern of Song and Mittal, used by the
    /// PUF evaluation): for every class the threshold on <c>-Mentr</c> that maximises balanced accuracy between shadow
    /// members and shadow non-members of that class is chosen (ties: the smallest threshold); the attack is applied to
    /// <paramref name="target"/> and the fraction predicted member is returned. A class absent from either shadow set uses
    /// the threshold fitted on all classes together.
    /// </summary>
    public static double ThresholdAttackMemberRate(ClassifierOutputs shadowMembers, ClassifierOutputs shadowNonMembers, ClassifierOutputs target)
    {
        NonEmpty(shadowMembers); NonEmpty(shadowNonMembers); NonEmpty(target);
        int C = target.Classes;
        double[] Score(ClassifierOutputs o) => [.. Enumerable.Range(0, o.Count).Select(i => -ModifiedEntropy(o.Row(i), o.Labels[i]))];
        double[] sm = Score(shadowMembers), sn = Score(shadowNonMembers), st = Score(target);
        double global = BestThreshold(sm, sn);
        var thresholds = new double[C];
        for (int c = 0; c < C; c++)
        {
            double[] m = [.. Enumerable.Range(0, sm.Length).Where(i => shadowMembers.Labels[i] == c).Select(i => sm[i])];
            double[] n = [.. Enumerable.Range(0, sn.Length).Where(i => shadowNonMembers.Labels[i] == c).Select(i => sn[i])];
            thresholds[c] = m.Length > 0 && n.Length > 0 ? BestThreshold(m, n) : global;
        }
        int k = 0;
        for (int i = 0; i < st.Length; i++) if (st[i] >= thresholds[target.Labels[i]]) k++;
        return (double)k / st.Length;
    }

    /// <summary>The threshold t among the observed scores that maximises balanced accuracy
    /// <c>(P[m &gt;= t] + P[n &lt; t]) / 2</c> (member if score &gt;= t); the smallest such t.</summary>
    public static double BestThreshold(ReadOnlySpan<double> memberScores, ReadOnlySpan<double> nonMemberScores)
    {
        if (memberScores.IsEmpty || nonMemberScores.IsEmpty) throw new ArgumentException("both score sets must be non-empty");
        var all = new List<(double S, bool Member)>(memberScores.Length + nonMemberScores.Length);
        foreach (double s in memberScores) all.Add((s, true));
        foreach (double s in nonMemberScores) all.Add((s, false));
        all.Sort((a, b) => a.S.CompareTo(b.S));
        double nm = memberScores.Length, nn = nonMemberScores.Length;
        // threshold at all[0].S: every sample is member -> TPR 1, TNR 0
        int membersBelow = 0, nonBelow = 0;
        double best = double.NegativeInfinity, bestT = all[0].S;
        for (int i = 0; i < all.Count; i++)
        {
            if (i == 0 || all[i].S != all[i - 1].S)
            {
                double bal = 0.5 * ((nm - membersBelow) / nm + nonBelow / nn);
                if (bal > best) { best = bal; bestT = all[i].S; }
            }
            if (all[i].Member) membersBelow++; else nonBelow++;
        }
        // threshold above every score: nobody is member -> TPR 0, TNR 1
        if (0.5 > best) bestT = double.PositiveInfinity;
        return bestT;
    }

    /// <summary>Mean over samples of KL(p_R || p_U) = sum_c p_R,c log(p_R,c / p_U,c) (probabilities floored at 1e-12).</summary>
    public static double MeanKl(ClassifierOutputs reference, ClassifierOutputs candidate)
    {
        Same(reference, candidate);
        double s = 0;
        for (int i = 0; i < reference.Count; i++) s += Kl(reference.Row(i), candidate.Row(i));
        return s / reference.Count;
    }

    /// <summary>Mean Jensen-Shannon divergence (natural log, in [0, ln 2]) between the two output rows per sample.</summary>
    public static double MeanJs(ClassifierOutputs reference, ClassifierOutputs candidate)
    {
        Same(reference, candidate);
        int C = reference.Classes;
        Span<double> m = C <= 1024 ? stackalloc double[C] : new double[C];
        double s = 0;
        for (int i = 0; i < reference.Count; i++)
        {
            var a = reference.Row(i); var b = candidate.Row(i);
            for (int c = 0; c < C; c++) m[c] = 0.5 * (a[c] + b[c]);
            s += 0.5 * Kl(a, m) + 0.5 * Kl(b, m);
        }
        return s / reference.Count;
    }

    /// <summary>Fraction of samples on which both models predict the same class.</summary>
    public static double Agreement(ClassifierOutputs reference, ClassifierOutputs candidate)
    {
        Same(reference, candidate);
        int k = 0;
        for (int i = 0; i < reference.Count; i++) if (reference.Predicted(i) == candidate.Predicted(i)) k++;
        return (double)k / reference.Count;
    }

    /// <summary>Euclidean distance ||a - b||.</summary>
    public static double Distance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length != b.Length) throw new ArgumentException("vectors must have the same length");
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
        return Math.Sqrt(s);
    }

    private static double Kl(ReadOnlySpan<double> p, ReadOnlySpan<double> q)
    {
        double s = 0;
        for (int c = 0; c < p.Length; c++)
            if (p[c] > 0) s += p[c] * Math.Log(Math.Max(p[c], 1e-12) / Math.Max(q[c], 1e-12));
        return s;
    }

    private static void NonEmpty(ClassifierOutputs o)
    {
        ArgumentNullException.ThrowIfNull(o);
        if (o.Count == 0) throw new ArgumentException("the sample set is empty");
    }

    private static void Same(ClassifierOutputs a, ClassifierOutputs b)
    {
        NonEmpty(a); NonEmpty(b);
        if (a.Count != b.Count || a.Classes != b.Classes) throw new ArgumentException("both outputs must cover the same samples and classes");
    }
}
