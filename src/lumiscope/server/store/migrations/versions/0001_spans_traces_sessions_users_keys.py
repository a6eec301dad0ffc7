"""spans, traces, sessions, users, keys

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('api_keys',
    sa.Column('id', sa.String(length=40), nullable=False),
    sa.Column('project_id', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=True),
    sa.Column('prefix', sa.String(length=16), nullable=False),
    sa.Column('key_hash', sa.String(length=64), nullable=False),
    sa.Column('created_ns', sa.BigInteger(), nullable=False),
    sa.Column('revoked_ns', sa.BigInteger(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('key_hash')
    )
    with op.batch_alter_table('api_keys', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_api_keys_project_id'), ['project_id'], unique=False)

    op.create_table('price_overrides',
    sa.Column('project_id', sa.String(length=40), nullable=False),
    sa.Column('model', sa.Text(), nullable=False),
    sa.Column('input_mtok', sa.Float(), nullable=False),
    sa.Column('output_mtok', sa.Float(), nullable=False),
    sa.Column('cached_input_mtok', sa.Float(), nullable=True),
    sa.PrimaryKeyConstraint('project_id', 'model')
    )
    op.create_table('projects',
    sa.Column('id', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('created_ns', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name')
    )
    op.create_table('server_state',
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_table('sessions',
    sa.Column('project_id', sa.String(length=40), nullable=False),
    sa.Column('session_id', sa.Text(), nullable=False),
    sa.Column('user_id', sa.Text(), nullable=True),
    sa.Column('first_ns', sa.BigInteger(), nullable=True),
    sa.Column('last_ns', sa.BigInteger(), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('ended_ns', sa.BigInteger(), nullable=True),
    sa.PrimaryKeyConstraint('project_id', 'session_id')
    )
    with op.batch_alter_table('sessions', schema=None) as batch_op:
        batch_op.create_index('ix_sessions_project_user', ['project_id', 'user_id'], unique=False)

    op.create_table('spans',
    sa.Column('project_id', sa.String(length=40), nullable=False),
    sa.Column('trace_id', sa.Text(), nullable=False),
    sa.Column('span_id', sa.Text(), nullable=False),
    sa.Column('parent_span_id', sa.Text(), nullable=True),
    sa.Column('event_id', sa.Text(), nullable=True),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('span_kind', sa.String(length=20), nullable=False),
    sa.Column('start_ns', sa.BigInteger(), nullable=False),
    sa.Column('end_ns', sa.BigInteger(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('error_code', sa.Text(), nullable=True),
    sa.Column('error_message', sa.Text(), nullable=True),
    sa.Column('provider', sa.Text(), nullable=True),
    sa.Column('model', sa.Text(), nullable=True),
    sa.Column('operation', sa.Text(), nullable=True),
    sa.Column('input_tokens', sa.Integer(), nullable=True),
    sa.Column('output_tokens', sa.Integer(), nullable=True),
    sa.Column('cached_tokens', sa.Integer(), nullable=True),
    sa.Column('cost_usd', sa.Float(), nullable=True),
    sa.Column('ttft_ms', sa.Float(), nullable=True),
    sa.Column('stream', sa.Boolean(), nullable=True),
    sa.Column('environment', sa.Text(), nullable=True),
    sa.Column('user_id', sa.Text(), nullable=True),
    sa.Column('session_id', sa.Text(), nullable=True),
    sa.Column('agent_id', sa.Text(), nullable=True),
    sa.Column('service_name', sa.Text(), nullable=True),
    sa.Column('scope_name', sa.Text(), nullable=True),
    sa.Column('source', sa.String(length=10), nullable=False),
    sa.Column('resource', sa.Text(), nullable=True),
    sa.Column('payload', sa.LargeBinary(), nullable=False),
    sa.PrimaryKeyConstraint('project_id', 'trace_id', 'span_id')
    )
    with op.batch_alter_table('spans', schema=None) as batch_op:
        batch_op.create_index('ix_spans_event_id', ['project_id', 'event_id'], unique=True, sqlite_where=sa.text('event_id IS NOT NULL'), postgresql_where=sa.text('event_id IS NOT NULL'))
        batch_op.create_index('ix_spans_project_start', ['project_id', 'start_ns'], unique=False)

    op.create_table('traces',
    sa.Column('project_id', sa.String(length=40), nullable=False),
    sa.Column('trace_id', sa.Text(), nullable=False),
    sa.Column('root_span_id', sa.Text(), nullable=True),
    sa.Column('name', sa.Text(), nullable=True),
    sa.Column('start_ns', sa.BigInteger(), nullable=False),
    sa.Column('end_ns', sa.BigInteger(), nullable=False),
    sa.Column('span_count', sa.Integer(), nullable=False),
    sa.Column('llm_count', sa.Integer(), nullable=False),
    sa.Column('error_count', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('input_tokens', sa.Integer(), nullable=False),
    sa.Column('output_tokens', sa.Integer(), nullable=False),
    sa.Column('cost_usd', sa.Float(), nullable=True),
    sa.Column('model', sa.Text(), nullable=True),
    sa.Column('user_id', sa.Text(), nullable=True),
    sa.Column('session_id', sa.Text(), nullable=True),
    sa.Column('agent_id', sa.Text(), nullable=True),
    sa.Column('service_name', sa.Text(), nullable=True),
    sa.Column('environment', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('project_id', 'trace_id')
    )
    with op.batch_alter_table('traces', schema=None) as batch_op:
        batch_op.create_index('ix_traces_project_session', ['project_id', 'session_id'], unique=False)
        batch_op.create_index('ix_traces_project_start', ['project_id', 'start_ns'], unique=False)
        batch_op.create_index('ix_traces_project_user', ['project_id', 'user_id'], unique=False)

    op.create_table('users',
    sa.Column('project_id', sa.String(length=40), nullable=False),
    sa.Column('user_id', sa.Text(), nullable=False),
    sa.Column('first_ns', sa.BigInteger(), nullable=False),
    sa.Column('last_ns', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('project_id', 'user_id')
    )


def downgrade() -> None:
    op.drop_table('users')
    with op.batch_alter_table('traces', schema=None) as batch_op:
        batch_op.drop_index('ix_traces_project_user')
        batch_op.drop_index('ix_traces_project_start')
        batch_op.drop_index('ix_traces_project_session')

    op.drop_table('traces')
    with op.batch_alter_table('spans', schema=None) as batch_op:
        batch_op.drop_index('ix_spans_project_start')
        batch_op.drop_index('ix_spans_event_id', sqlite_where=sa.text('event_id IS NOT NULL'), postgresql_where=sa.text('event_id IS NOT NULL'))

    op.drop_table('spans')
    with op.batch_alter_table('sessions', schema=None) as batch_op:
        batch_op.drop_index('ix_sessions_project_user')

    op.drop_table('sessions')
    op.drop_table('server_state')
    op.drop_table('projects')
    op.drop_table('price_overrides')
    with op.batch_alter_table('api_keys', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_api_keys_project_id'))

    op.drop_table('api_keys')
