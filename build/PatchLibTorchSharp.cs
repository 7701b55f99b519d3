// MSBuild inline task (RoslynCodeTaskFactory): see TorchSharpDebian12.targets for what and why.
using System;
using System.IO;
using System.Text;
using System.Runtime.InteropServices;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public class PatchLibTorchSharpForOldLibstdcxx : Task
{
    [Required] public ITaskItem[] Files { get; set; }

    const string Needed = "GLIBCXX_3.4.32";
    const string Symbol = "_ZSt21ios_base_library_initv";

    public override bool Execute()
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux) || !BitConverter.IsLittleEndian) return true;
        string libstdcxx = FindLibstdcxx();
        if (libstdcxx == null)
        {
            Log.LogMessage(MessageImportance.Low, "PhyToolkit: no libstdc++.so.6 found in the usual places; TorchSharp left as shipped.");
            return true;
        }
        if (Contains(File.ReadAllBytes(libstdcxx), Encoding.ASCII.GetBytes(Needed + "\0")))
        {
            Log.LogMessage(MessageImportance.Low, "PhyToolkit: " + libstdcxx + " provides " + Needed + "; TorchSharp needs no patch.");
            return true;
        }
        foreach (var item in Files)
        {
            string path = item.ItemSpec;
            try
            {
                string what = Patch(path);
                Log.LogMessage(MessageImportance.Normal, "PhyToolkit: " + path + ": " + what);
            }
            catch (Exception e)
            {
                Log.LogError("PhyToolkit: cannot make " + path + " load with " + libstdcxx + " (it lacks " + Needed
                    + ", which TorchSharp's native library asks for): " + e.Message);
                return false;
            }
        }
        return !Log.HasLoggedErrors;
    }

    static string FindLibstdcxx()
    {
        foreach (var dir in new[] { "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu",
                     "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/lib64", "/usr/lib", "/lib" })
        {
            string p = Path.Combine(dir, "libstdc++.so.6");
            if (File.Exists(p)) return p;
        }
        return null;
    }

    static bool Contains(byte[] hay, byte[] needle)
    {
        for (int i = 0; i + needle.Length <= hay.Length; i++)
        {
            if (hay[i] != needle[0]) continue;
            int j = 1;
            while (j < needle.Length && hay[i + j] == needle[j]) j++;
            if (j == needle.Length) return true;
        }
        return false;
    }

    static ushort U16(byte[] b, long o) { return BitConverter.ToUInt16(b, (int)o); }
    static uint U32(byte[] b, long o) { return BitConverter.ToUInt32(b, (int)o); }
    static ulong U64(byte[] b, long o) { return BitConverter.ToUInt64(b, (int)o); }
    static void W16(byte[] b, long o, ushort v) { b[o] = (byte)v; b[o + 1] = (byte)(v >> 8); }

    static string CString(byte[] b, long off)
    {
        int end = Array.IndexOf(b, (byte)0, (int)off);
        return Encoding.ASCII.GetString(b, (int)off, end - (int)off);
    }

    /// <summary>Applies the two edits; returns what was done. Idempotent.</summary>
    static string Patch(string path)
    {
        byte[] b = File.ReadAllBytes(path);
        if (b.Length < 64 || b[0] != 0x7f || b[1] != (byte)'E' || b[2] != (byte)'L' || b[3] != (byte)'F')
            throw new InvalidDataException("not an ELF file");
        if (b[4] != 2 || b[5] != 1) throw new InvalidDataException("not a 64-bit little-endian ELF file");
        long shoff = (long)U64(b, 0x28);
        int shentsize = U16(b, 0x3A);
        int shnum = U16(b, 0x3C);
        long dynsymOff = -1, dynsymSize = 0, dynsymEnt = 24, dynstrOff = -1, versymOff = -1, verneedOff = -1;
        int verneedCount = 0, dynsymLink = -1, verneedLink = -1;
        var relaSections = new System.Collections.Generic.List<(long off, long size, long ent)>();
        var headers = new (uint type, long off, long size, int link, uint info, long ent)[shnum];
        for (int i = 0; i < shnum; i++)
        {
            long h = shoff + (long)i * shentsize;
            headers[i] = (U32(b, h + 4), (long)U64(b, h + 24), (long)U64(b, h + 32), (int)U32(b, h + 40), U32(b, h + 44), (long)U64(b, h + 56));
        }
        for (int i = 0; i < shnum; i++)
        {
            var h = headers[i];
            switch (h.type)
            {
                case 11: dynsymOff = h.off; dynsymSize = h.size; dynsymEnt = h.ent == 0 ? 24 : h.ent; dynsymLink = h.link; break; // SHT_DYNSYM
                case 0x6fffffff: versymOff = h.off; break; // SHT_GNU_versym
                case 0x6ffffffe: verneedOff = h.off; verneedCount = (int)h.info; verneedLink = h.link; break; // SHT_GNU_verneed
                case 4: relaSections.Add((h.off, h.size, h.ent == 0 ? 24 : h.ent)); break; // SHT_RELA
            }
        }
        if (dynsymOff < 0 || versymOff < 0 || verneedOff < 0) throw new InvalidDataException("missing .dynsym, .gnu.version or .gnu.version_r");
        dynstrOff = headers[dynsymLink].off;
        long verStrOff = headers[verneedLink].off;

        // Find the symbol.
        int symIndex = -1;
        long nsym = dynsymSize / dynsymEnt;
        for (long k = 0; k < nsym; k++)
        {
            uint name = U32(b, (int)(dynsymOff + k * dynsymEnt));
            if (CString(b, dynstrOff + name) == Symbol) { symIndex = (int)k; break; }
        }
        // Refuse if any relocation uses the symbol: then it would really be called/bound and a no-op stand-in would be needed.
        if (symIndex >= 0)
            foreach (var r in relaSections)
                for (long o = r.off; o + r.ent <= r.off + r.size; o += r.ent)
                {
                    ulong info = U64(b, (int)o + 8);
                    if ((long)(info >> 32) == symIndex)
                        throw new InvalidDataException(Symbol + " has a relocation; a stand-in library would be needed (see TORCHSHARP-ON-DEBIAN12.md)");
                }

        // Find the GLIBCXX_3.4.32 requirement and its version index.
        int versionIndex = -1; long auxAt = -1;
        long vn = verneedOff;
        for (int e = 0; e < verneedCount; e++)
        {
            int cnt = U16(b, (int)vn + 2);
            uint auxRel = U32(b, (int)vn + 8);
            uint next = U32(b, (int)vn + 12);
            long a = vn + auxRel;
            for (int j = 0; j < cnt; j++)
            {
                uint nameOff = U32(b, (int)a + 8);
                if (CString(b, verStrOff + nameOff) == Needed)
                {
                    auxAt = a;
                    versionIndex = U16(b, (int)a + 6) & 0x7fff;
                }
                uint anext = U32(b, (int)a + 12);
                if (anext == 0) break;
                a += anext;
            }
            if (next == 0) break;
            vn += next;
        }
        if (auxAt < 0) return "does not ask for " + Needed + "; left as is";

        // Every symbol bound to that version must be the one we know to be unused.
        for (long k = 0; k < nsym; k++)
        {
            int v = U16(b, (int)(versymOff + 2 * k)) & 0x7fff;
            if (v == versionIndex && k != symIndex)
                throw new InvalidDataException("symbol #" + k + " other than " + Symbol + " needs " + Needed);
        }
        bool changed = false;
        if (symIndex >= 0)
        {
            long vs = versymOff + 2 * (long)symIndex;
            if (U16(b, vs) != 1) { W16(b, vs, 1); changed = true; }
        }
        ushort f = U16(b, auxAt + 4);
        if ((f & 2) == 0) { W16(b, auxAt + 4, (ushort)(f | 2)); changed = true; }
        if (!changed) return "already patched";
        string tmp = path + ".phytk-tmp";
        File.WriteAllBytes(tmp, b);
        File.Replace(tmp, path, null); // rename(2): atomic, and never writes through a hard link
        return "patched (" + Needed + " marked weak; " + Symbol + " unversioned)";
    }
}
