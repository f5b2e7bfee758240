"""The room's live view (`drafter serve`): the draft in delegates' browsers, fed by the journal."""
