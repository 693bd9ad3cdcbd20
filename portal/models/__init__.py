from .charter import CharterAcceptance, CharterVersion, ValuesCharterPage
from .ethics import CommitteeMember, EthicsCommitteePage, EthicsOpinionPage, Referral
from .pages import HomePage, StandardPage
from .settings import OrganisationSettings
from .users import User

__all__ = [
    "CharterAcceptance",
    "CharterVersion",
    "CommitteeMember",
    "EthicsCommitteePage",
    "EthicsOpinionPage",
    "HomePage",
    "OrganisationSettings",
    "Referral",
    "StandardPage",
    "User",
    "ValuesCharterPage",
]
