using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using NestedVirt.Harness.Cli;

namespace NestedVirt.Harness.Build;

/// <summary>Reads an <see cref="AssemblySize"/> from a DLL's metadata without loading it.</summary>
public static class AssemblySizeReader
{
    /// <summary>The <c>AssemblyMetadata</c> key the core's project writes its build switches under.</summary>
    public const string SwitchesKey = "NestedVirtSwitches";

    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <exception cref="HarnessException">The file is missing or is not a .NET assembly (one line, exit 2).</exception>
    public static AssemblySize Read(string path)
    {
        if (!File.Exists(path))
            throw new HarnessException($"{path}: no such file");
        try
        {
            using FileStream stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            if (!pe.HasMetadata)
                throw new HarnessException($"{path}: not a .NET assembly (no metadata)");
            MetadataReader metadata = pe.GetMetadataReader();

            int types = 0;
            foreach (TypeDefinitionHandle handle in metadata.TypeDefinitions)
            {
                if (metadata.GetString(metadata.GetTypeDefinition(handle).Name) != "<Module>")
                    types++;
            }

            int methods = 0;
            long il = 0;
            foreach (MethodDefinitionHandle handle in metadata.MethodDefinitions)
            {
                int rva = metadata.GetMethodDefinition(handle).RelativeVirtualAddress;
                if (rva == 0)
                    continue;
                methods++;
                il += pe.GetMethodBody(rva).GetILReader().Length;
            }

            return new AssemblySize(path, Switches(metadata), types, methods, il, new FileInfo(path).Length);
        }
        catch (BadImageFormatException e)
        {
            throw new HarnessException($"{path}: not a .NET assembly ({e.Message})");
        }
    }

    // AssemblyMetadataAttribute(string key, string value): blob = prolog 0x0001, two SerStrings,
    // no named arguments (ECMA-335 II.23.3).
    private static string Switches(MetadataReader metadata)
    {
        foreach (CustomAttributeHandle handle in metadata.GetAssemblyDefinition().GetCustomAttributes())
        {
            CustomAttribute attribute = metadata.GetCustomAttribute(handle);
            if (attribute.Constructor.Kind != HandleKind.MemberReference)
                continue;
            MemberReference constructor = metadata.GetMemberReference((MemberReferenceHandle)attribute.Constructor);
            if (constructor.Parent.Kind != HandleKind.TypeReference
                || metadata.GetString(metadata.GetTypeReference((TypeReferenceHandle)constructor.Parent).Name) != "AssemblyMetadataAttribute")
                continue;
            BlobReader blob = metadata.GetBlobReader(attribute.Value);
            if (blob.ReadUInt16() != 1)
                continue;
            if (blob.ReadSerializedString() == SwitchesKey)
                return blob.ReadSerializedString() ?? "";
        }
        return "";
    }
}
