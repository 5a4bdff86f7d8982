using System.Reflection;
using System.Reflection.Emit;

namespace GameServer.Tests.Tools;

/// <summary>
/// The types one type really references, as compiled: its base type and interfaces, attributes, the
/// signatures of its fields, properties, events and methods, and every type, method and field token in
/// the IL of its method bodies (calls, object creations, field loads, typeof, casts), resolved through
/// its module. Source text is not read: a <c>using</c> or a comment is no reference, a lambda is.
/// </summary>
internal static class TypeReferences
{
    private const BindingFlags Declared =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>Where <paramref name="type"/> references a type that <paramref name="isFenced"/> accepts, one line each.</summary>
    public static IEnumerable<string> Into(Type type, Func<Type, bool> isFenced)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(isFenced);
        var found = new List<string>();
        void Check(Type? referenced, string where)
        {
            foreach (var t in Unfold(referenced))
            {
                if (isFenced(t))
                {
                    found.Add($"{type.FullName} {where}: {t.FullName}");
                }
            }
        }

        Check(type.BaseType, "base type");
        foreach (var i in type.GetInterfaces())
        {
            Check(i, "interface");
        }

        foreach (var attribute in type.CustomAttributes)
        {
            Check(attribute.AttributeType, "attribute");
        }

        foreach (var field in type.GetFields(Declared))
        {
            Check(field.FieldType, $"field {field.Name}");
        }

        foreach (var property in type.GetProperties(Declared))
        {
            Check(property.PropertyType, $"property {property.Name}");
        }

        foreach (var e in type.GetEvents(Declared))
        {
            Check(e.EventHandlerType, $"event {e.Name}");
        }

        foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            if (method is MethodInfo info)
            {
                Check(info.ReturnType, $"{method.Name} returns");
            }

            foreach (var parameter in method.GetParameters())
            {
                Check(parameter.ParameterType, $"{method.Name} parameter {parameter.Name}");
            }

            foreach (var local in method.GetMethodBody()?.LocalVariables ?? [])
            {
                Check(local.LocalType, $"{method.Name} local");
            }

            foreach (var member in BodyTokens(method))
            {
                switch (member)
                {
                    case Type t:
                        Check(t, $"{method.Name} body");
                        break;
                    case MethodBase called:
                        Check(called.DeclaringType, $"{method.Name} body calls {called.Name}");
                        foreach (var argument in called.IsGenericMethod ? called.GetGenericArguments() : [])
                        {
                            Check(argument, $"{method.Name} body calls {called.Name}");
                        }

                        break;
                    case FieldInfo field:
                        Check(field.DeclaringType, $"{method.Name} body uses {field.Name}");
                        Check(field.FieldType, $"{method.Name} body uses {field.Name}");
                        break;
                }
            }
        }

        return found.Distinct();
    }

    /// <summary>The members named by the tokens of <paramref name="method"/>'s IL.</summary>
    private static IEnumerable<MemberInfo> BodyTokens(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            yield break;
        }

        var typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var position = 0;
        while (position < il.Length)
        {
            var value = il[position] == 0xFE ? (short)(0xFE00 | il[position + 1]) : il[position];
            position += il[position] == 0xFE ? 2 : 1;
            var opCode = OpCodesByValue[value];
            switch (opCode.OperandType)
            {
                case OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok:
                    yield return method.Module.ResolveMember(BitConverter.ToInt32(il, position), typeArguments, methodArguments)!;
                    position += 4;
                    break;
                case OperandType.InlineSwitch:
                    position += 4 + (4 * BitConverter.ToInt32(il, position));
                    break;
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    position += 1;
                    break;
                case OperandType.InlineVar:
                    position += 2;
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    position += 8;
                    break;
                default:
                    position += 4;
                    break;
            }
        }
    }

    /// <summary>A type and those it is made of: the element of an array, the arguments of a generic.</summary>
    private static IEnumerable<Type> Unfold(Type? type)
    {
        if (type is null || type.IsGenericParameter)
        {
            yield break;
        }

        if (type.HasElementType)
        {
            foreach (var element in Unfold(type.GetElementType()))
            {
                yield return element;
            }

            yield break;
        }

        yield return type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        foreach (var argument in type.IsGenericType ? type.GetGenericArguments() : [])
        {
            foreach (var inner in Unfold(argument))
            {
                yield return inner;
            }
        }
    }
}
