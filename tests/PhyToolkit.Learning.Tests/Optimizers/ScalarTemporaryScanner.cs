using System.Reflection;
using System.Reflection.Emit;

namespace PhyToolkit.Learning.Tests.Optimizers;

/// <summary>
/// Finds TorchSharp <c>Scalar</c> temporaries in compiled IL. A Scalar (finalisable, owning a native handle) that is not
/// stored in a local disposed by the method (<c>using Scalar s = x;</c>) becomes unreachable once its handle is read, so
/// the GC can free it while the native call still reads it (TorchSharp 0.107: "Unknown scalar type" under GC pressure).
/// </summary>
/// <remarks>
/// Unsafe sites: a conversion to Scalar (<c>Scalar.op_Implicit</c>, <c>ToScalar()</c>, <c>new Scalar</c>) whose result is
/// not immediately stored in a local that the method later disposes, and any call to a TorchSharp method that contains such
/// a site itself or calls one (computed from TorchSharp's own IL, e.g. <c>add_(Tensor)</c> with its default alpha,
/// <c>square()</c>, <c>linalg.vector_norm</c>, <c>tensor * 0.5</c>). Virtual calls are resolved to the declared method only.
/// </remarks>
internal static class ScalarTemporaryScanner
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    private static readonly Lazy<HashSet<MethodBase>> UnsafeTorchMethods = new(ComputeUnsafeTorchMethods);

    /// <summary>TorchSharp optimisers whose step (run through a delegate, so not reached by the call graph) holds an unheld
    /// Scalar, e.g. <c>torch.optim.Adam</c> and <c>torch.optim.SGD</c>: creating one is flagged.</summary>
    private static readonly Lazy<HashSet<Type>> UnsafeTorchOptimizers = new(() =>
    {
        var unsafeMethods = UnsafeTorchMethods.Value;
        var result = new HashSet<Type>();
        foreach (var m in unsafeMethods)
        {
            for (var t = m.DeclaringType; t is not null; t = t.DeclaringType)
                if (typeof(TorchSharp.torch.optim.Optimizer).IsAssignableFrom(t)) { result.Add(t); break; }
        }
        return result;
    });

    private readonly record struct Instruction(int Offset, OpCode Code, int Token, int LocalIndex);

    /// <summary>Every unsafe site in the assembly, as "Type.Method: description".</summary>
    public static List<string> Scan(Assembly assembly) => Scan(AllMethods(assembly));

    /// <summary>Every unsafe site in the type's own methods and constructors (nested types excluded).</summary>
    public static List<string> Scan(Type type) => Scan(MethodsOf(type));

    private static List<string> Scan(IEnumerable<MethodBase> methods)
    {
        var findings = new List<string>();
        var unsafeTorch = UnsafeTorchMethods.Value;
        var unsafeOptimizers = UnsafeTorchOptimizers.Value;
        foreach (var m in methods)
        {
            var code = Decode(m);
            if (code is null) continue;
            foreach (var (callee, at) in Calls(m, code))
            {
                if (IsScalarCreation(callee))
                {
                    if (!IsHeld(m, code, at)) findings.Add($"{Name(m)}: unheld {Describe(callee)} at IL_{code[at].Offset:x4}");
                }
                else if (unsafeTorch.Contains(callee))
                {
                    findings.Add($"{Name(m)}: calls {Describe(callee)} (creates an unheld Scalar inside TorchSharp) at IL_{code[at].Offset:x4}");
                }
                else if ((callee is ConstructorInfo && unsafeOptimizers.Contains(callee.DeclaringType!))
                    || (callee is MethodInfo mi && unsafeOptimizers.Contains(mi.ReturnType)))
                {
                    findings.Add($"{Name(m)}: creates TorchSharp optimiser {Describe(callee)} whose step uses unheld Scalars at IL_{code[at].Offset:x4}");
                }
            }
        }
        return findings;
    }

    private static HashSet<MethodBase> ComputeUnsafeTorchMethods()
    {
        var torch = typeof(TorchSharp.Scalar).Assembly;
        var calls = new Dictionary<MethodBase, List<MethodBase>>();
        var result = new HashSet<MethodBase>();
        foreach (var m in AllMethods(torch))
        {
            var code = Decode(m);
            if (code is null) continue;
            var list = new List<MethodBase>();
            foreach (var (callee, at) in Calls(m, code))
            {
                if (IsScalarCreation(callee))
                {
                    if (!IsHeld(m, code, at)) result.Add(m);
                }
                else if (callee.Module == m.Module) list.Add(callee);
            }
            calls[m] = list;
        }
        // Transitive closure over TorchSharp-internal calls (e.g. op_Addition(Tensor, Tensor) → add(Tensor) → alpha = 1).
        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (var (m, callees) in calls)
                if (!result.Contains(m) && callees.Any(result.Contains))
                {
                    result.Add(m);
                    changed = true;
                }
        }
        return result;
    }

    private static bool IsScalarCreation(MethodBase callee)
    {
        var t = callee.DeclaringType;
        if (t is null) return false;
        if (t == typeof(TorchSharp.Scalar)) return callee.Name == "op_Implicit" || callee.IsConstructor;
        return callee.Name == "ToScalar" && callee is MethodInfo mi && mi.ReturnType == typeof(TorchSharp.Scalar);
    }

    /// <summary>
    /// The creation at <paramref name="at"/> is stored straight into a local (or, for a <c>using</c> variable captured by a
    /// lambda, a closure field) that some later instruction of the method disposes.
    /// </summary>
    private static bool IsHeld(MethodBase m, List<Instruction> code, int at)
    {
        if (at + 1 >= code.Count) return false;
        var store = code[at + 1];
        bool isLocal = IsStloc(store.Code) && store.LocalIndex >= 0;
        bool isField = store.Code == OpCodes.Stfld;
        if (!isLocal && !isField) return false;
        for (int i = at + 2; i < code.Count; i++)
        {
            bool sameSlot = isLocal
                ? IsLdloc(code[i].Code) && code[i].LocalIndex == store.LocalIndex
                : code[i].Code == OpCodes.Ldfld && code[i].Token == store.Token;
            if (!sameSlot) continue;
            for (int j = i + 1; j <= Math.Min(i + 3, code.Count - 1); j++)
                if (IsCall(code[j].Code) && Resolve(m, code[j].Token) is { Name: "Dispose" }) return true;
        }
        return false;
    }

    private static IEnumerable<(MethodBase Callee, int Index)> Calls(MethodBase m, List<Instruction> code)
    {
        for (int i = 0; i < code.Count; i++)
        {
            if (!IsCall(code[i].Code)) continue;
            var callee = Resolve(m, code[i].Token);
            if (callee is not null) yield return (callee, i);
        }
    }

    private static MethodBase? Resolve(MethodBase m, int token)
    {
        try
        {
            var typeArgs = m.DeclaringType is { IsGenericType: true } dt ? dt.GetGenericArguments() : null;
            var methodArgs = m.IsGenericMethod ? m.GetGenericArguments() : null;
            return m.Module.ResolveMethod(token, typeArgs, methodArgs);
        }
        catch (Exception e) when (e is ArgumentException or TypeLoadException or FileNotFoundException or BadImageFormatException or MissingMethodException)
        {
            return null;   // references into assemblies that are not loaded (e.g. optional TorchSharp dependencies)
        }
    }

    private static IEnumerable<MethodBase> AllMethods(Assembly assembly)
    {
        Type[] types;
        try { types = assembly.GetTypes(); }
        catch (ReflectionTypeLoadException e) { types = e.Types.Where(t => t is not null).ToArray()!; }
        return types.SelectMany(MethodsOf);
    }

    private static IEnumerable<MethodBase> MethodsOf(Type t)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;
        try { return t.GetMethods(all).Cast<MethodBase>().Concat(t.GetConstructors(all)).ToArray(); }
        catch (Exception e) when (e is TypeLoadException or FileNotFoundException) { return Array.Empty<MethodBase>(); }
    }

    private static List<Instruction>? Decode(MethodBase m)
    {
        byte[]? il;
        try { il = m.GetMethodBody()?.GetILAsByteArray(); }
        catch (Exception e) when (e is TypeLoadException or FileNotFoundException or BadImageFormatException) { return null; }
        if (il is null) return null;
        var code = new List<Instruction>();
        int pos = 0;
        while (pos < il.Length)
        {
            int start = pos;
            short value = il[pos++];
            if (value == 0xFE) value = unchecked((short)(0xFE00 | il[pos++]));
            if (!OpCodesByValue.TryGetValue(value, out var op)) return null;   // not valid IL: skip the method
            int token = 0, local = -1;
            switch (op.OperandType)
            {
                case OperandType.InlineNone: break;
                case OperandType.ShortInlineBrTarget:
                case OperandType.ShortInlineI:
                    pos += 1; break;
                case OperandType.ShortInlineVar:
                    local = il[pos]; pos += 1; break;
                case OperandType.InlineVar:
                    local = BitConverter.ToUInt16(il, pos); pos += 2; break;
                case OperandType.InlineI8:
                case OperandType.InlineR:
                    pos += 8; break;
                case OperandType.InlineSwitch:
                    int n = BitConverter.ToInt32(il, pos);
                    pos += 4 + 4 * n; break;
                case OperandType.InlineMethod:
                case OperandType.InlineField:
                    token = BitConverter.ToInt32(il, pos); pos += 4; break;
                default:
                    pos += 4; break;
            }
            if (local < 0) local = ImplicitLocal(op);
            if (!IsStloc(op) && !IsLdloc(op)) local = -1;   // ldarg/starg operands are not locals
            code.Add(new Instruction(start, op, token, local));
        }
        return code;
    }

    private static int ImplicitLocal(OpCode op) =>
        op.Value switch
        {
            0x06 or 0x0A => 0,   // ldloc.0, stloc.0
            0x07 or 0x0B => 1,
            0x08 or 0x0C => 2,
            0x09 or 0x0D => 3,
            _ => -1,
        };

    private static bool IsStloc(OpCode op) => op == OpCodes.Stloc || op == OpCodes.Stloc_S || (op.Value >= 0x0A && op.Value <= 0x0D);

    private static bool IsLdloc(OpCode op) =>
        op == OpCodes.Ldloc || op == OpCodes.Ldloc_S || op == OpCodes.Ldloca || op == OpCodes.Ldloca_S || (op.Value >= 0x06 && op.Value <= 0x09);

    private static bool IsCall(OpCode op) => op == OpCodes.Call || op == OpCodes.Callvirt || op == OpCodes.Newobj;

    private static string Name(MethodBase m) => $"{m.DeclaringType?.FullName}.{m.Name}";

    private static string Describe(MethodBase m)
    {
        string ps;
        try { ps = string.Join(", ", m.GetParameters().Select(p => p.ParameterType.Name)); }
        catch (FileNotFoundException) { ps = "?"; }
        return $"{m.DeclaringType?.Name}.{m.Name}({ps})";
    }
}
