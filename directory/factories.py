import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from directory.models import Experience, MemberProfile
from portal.charter.acceptance import current_charter_version, record_acceptance
from portal.places.models import Municipality
from portal.taxonomy.models import Language, Profession, Sector


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.django.Password("a-good-password-42")

    @factory.post_generation
    def email_verified(self, create, extracted, **kwargs):
        # As after allauth's sign-up and confirmation link; email_verified=False: never confirmed.
        if create:
            EmailAddress.objects.create(
                user=self, email=self.email, primary=True, verified=extracted is not False
            )


class ProfileFactory(factory.django.DjangoModelFactory):
    """A listed profile; pass place="62063", sectors=["photography"], languages=["fr"]."""

    class Meta:
        model = MemberProfile
        exclude = ["place", "profession_slug"]
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    display_name = factory.LazyAttribute(lambda o: f"{o.user.first_name} {o.user.last_name}")
    place = "21004"
    profession_slug = "photographer"
    municipality = factory.LazyAttribute(lambda o: Municipality.objects.get(refnis=o.place))
    profession = factory.LazyAttribute(lambda o: Profession.objects.get(slug=o.profession_slug))
    experience = Experience.EXPERIENCED
    charter_version = factory.LazyFunction(lambda: current_charter_version() or "")
    status = MemberProfile.Status.REVIEWED

    @factory.post_generation
    def accepted_charter(self, create, extracted, **kwargs):
        # Listed profiles belong to members who accepted the charter in force.
        if self.charter_version:
            record_acceptance(self.user, self.charter_version)
            MemberProfile.objects.filter(pk=self.pk).update(charter_version=self.charter_version)

    @factory.post_generation
    def sectors(self, create, extracted, **kwargs):
        slugs = extracted if extracted is not None else [self.profession.sector.slug]
        self.sectors.set(Sector.objects.filter(slug__in=slugs))

    @factory.post_generation
    def languages(self, create, extracted, **kwargs):
        self.languages.set(Language.objects.filter(code__in=extracted or ["fr"]))
