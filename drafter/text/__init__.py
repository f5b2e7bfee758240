"""Reading a draft: the grammar's lines, the model builder, the immutable `Draft` and its report."""
