namespace WireEdge.Galley.Conversations;

/// <summary>What a conversation role allows (wire-server's conversation actions).</summary>
public enum ConversationAction
{
    AddConversationMember,
    RemoveConversationMember,
    ModifyConversationName,
    ModifyConversationMessageTimer,
    ModifyConversationReceiptMode,
    ModifyConversationAccess,
    ModifyOtherConversationMember,
    LeaveConversation,
    DeleteConversation,
}

/// <summary>The two built-in roles: <c>wire_admin</c> may do everything, <c>wire_member</c> may only leave.</summary>
public static class ConversationRoles
{
    public const string Admin = "wire_admin";
    public const string Member = "wire_member";

    public static bool IsValid(string? role) => role is Admin or Member;

    public static bool Allows(string role, ConversationAction action)
        => role == Admin || (role == Member && action == ConversationAction.LeaveConversation);

    /// <summary>The action's wire name (snake case), as in <c>action-denied</c> messages.</summary>
    public static string WireName(ConversationAction action) => action switch
    {
        ConversationAction.AddConversationMember => "add_conversation_member",
        ConversationAction.RemoveConversationMember => "remove_conversation_member",
        ConversationAction.ModifyConversationName => "modify_conversation_name",
        ConversationAction.ModifyConversationMessageTimer => "modify_conversation_message_timer",
        ConversationAction.ModifyConversationReceiptMode => "modify_conversation_receipt_mode",
        ConversationAction.ModifyConversationAccess => "modify_conversation_access",
        ConversationAction.ModifyOtherConversationMember => "modify_other_conversation_member",
        ConversationAction.LeaveConversation => "leave_conversation",
        _ => "delete_conversation",
    };
}
