using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace ContactsModule.Tests.Input
{
    /// <summary>
    /// A cmdlet class's parameters (properties with [Parameter]) and their [Alias]es, read from the module's metadata:
    /// System.Management.Automation is not loaded in this test process, so the attributes cannot be instantiated.
    /// </summary>
    internal static class CmdletParameters
    {
        public static Dictionary<string, string[]> Of(string typeFullName)
        {
            string path = typeof(ContactsModule.Cmdlets.ErrorIds).Assembly.Location;
            using (var stream = File.OpenRead(path))
            using (var pe = new PEReader(stream))
            {
                var reader = pe.GetMetadataReader();
                var type = reader.TypeDefinitions.Select(reader.GetTypeDefinition)
                    .Single(t => reader.GetString(t.Namespace) + "." + reader.GetString(t.Name) == typeFullName);
                var result = new Dictionary<string, string[]>(StringComparer.Ordinal);
                foreach (var handle in type.GetProperties())
                {
                    var property = reader.GetPropertyDefinition(handle);
                    bool isParameter = false;
                    string[] aliases = new string[0];
                    foreach (var attributeHandle in property.GetCustomAttributes())
                    {
                        var attribute = reader.GetCustomAttribute(attributeHandle);
                        string name = AttributeName(reader, attribute);
                        if (name == "ParameterAttribute") isParameter = true;
                        if (name != "AliasAttribute") continue;
                        var value = attribute.DecodeValue(new StringTypes());
                        aliases = ((ImmutableArray<CustomAttributeTypedArgument<string>>)value.FixedArguments[0].Value)
                            .Select(a => (string)a.Value).ToArray();
                    }
                    if (isParameter) result[reader.GetString(property.Name)] = aliases;
                }
                return result;
            }
        }

        private static string AttributeName(MetadataReader reader, CustomAttribute attribute)
        {
            if (attribute.Constructor.Kind != HandleKind.MemberReference) return null;
            var member = reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor);
            if (member.Parent.Kind != HandleKind.TypeReference) return null;
            return reader.GetString(reader.GetTypeReference((TypeReferenceHandle)member.Parent).Name);
        }

        /// <summary>Just enough of a type provider to decode string[] attribute arguments.</summary>
        private sealed class StringTypes : ICustomAttributeTypeProvider<string>
        {
            public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();
            public string GetSystemType() => "System.Type";
            public string GetSZArrayType(string elementType) => elementType + "[]";
            public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => reader.GetString(reader.GetTypeDefinition(handle).Name);
            public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => reader.GetString(reader.GetTypeReference(handle).Name);
            public string GetTypeFromSerializedName(string name) => name;
            public PrimitiveTypeCode GetUnderlyingEnumType(string type) => PrimitiveTypeCode.Int32;
            public bool IsSystemType(string type) => type == "System.Type";
        }
    }
}
