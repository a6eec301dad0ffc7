"""memory

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('sessions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('touched_ns', sa.BigInteger(), nullable=True))

    op.create_table('memory_facts',
    sa.Column('project_id', sa.String(length=40), nullable=False),
    sa.Column('user_id', sa.Text(), nullable=False),
    sa.Column('id', sa.String(length=40), nullable=False),
    sa.Column('agent_id', sa.Text(), nullable=True),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('subject', sa.Text(), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('confidence', sa.Float(), nullable=True),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('created_ns', sa.BigInteger(), nullable=False),
    sa.Column('updated_ns', sa.BigInteger(), nullable=False),
    sa.Column('superseded_ns', sa.BigInteger(), nullable=True),
    sa.Column('superseded_by', sa.String(length=40), nullable=True),
    sa.Column('provenance', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('project_id', 'user_id', 'id')
    )

    op.create_table('memory_progress',
    sa.Column('project_id', sa.String(length=40), nullable=False),
    sa.Column('session_id', sa.Text(), nullable=False),
    sa.Column('user_id', sa.Text(), nullable=True),
    sa.Column('learned_ns', sa.BigInteger(), nullable=True),
    sa.Column('claimed_by', sa.String(length=40), nullable=True),
    sa.Column('claimed_ns', sa.BigInteger(), nullable=True),
    sa.PrimaryKeyConstraint('project_id', 'session_id')
    )
    op.create_table('memory_summaries',
    sa.Column('project_id', sa.String(length=40), nullable=False),
    sa.Column('user_id', sa.Text(), nullable=False),
    sa.Column('session_id', sa.Text(), nullable=False),
    sa.Column('agent_id', sa.Text(), nullable=True),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('updated_ns', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('project_id', 'user_id', 'session_id')
    )
    op.create_table('memory_turns',
    sa.Column('project_id', sa.String(length=40), nullable=False),
    sa.Column('user_id', sa.Text(), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.Column('learned_ns', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('project_id', 'user_id', 'fingerprint')
    )


def downgrade() -> None:
    with op.batch_alter_table('sessions', schema=None) as batch_op:
        batch_op.drop_column('touched_ns')

    op.drop_table('memory_turns')
    op.drop_table('memory_summaries')
    op.drop_table('memory_progress')
    op.drop_table('memory_facts')
